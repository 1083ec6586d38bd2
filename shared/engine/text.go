package engine

// Msg names one explanation sentence. The id is stable: it is stored in logs and sent over the
// wire, so a sentence is reworded in text_zh.go and text_en.go, never renamed. Its values are
// the line's Args, %[1]s for the first.
type Msg string

// Explanation sentences, by action.
const (
	// bind
	msgBindAllowed           Msg = "bind.allowed"
	msgSelfBinding           Msg = "bind.self"
	msgNoScope               Msg = "bind.no_scope"
	msgScopeNotOffered       Msg = "scope.not_offered"
	msgAuthorizerNotEmployee Msg = "bind.authorizer_not_employee"
	msgAuthorizerOK          Msg = "bind.authorizer_ok"
	msgBeneficiaryNotInsured Msg = "bind.beneficiary_not_insured"
	msgBeneficiaryOK         Msg = "bind.beneficiary_ok"
	msgRelationNotAllowed    Msg = "bind.relation_not_allowed"
	msgRelationOK            Msg = "bind.relation_ok"
	msgRelationReported      Msg = "bind.relation_reported"
	msgCardNotLinked         Msg = "bind.card_not_linked"
	msgOutOfArea             Msg = "bind.out_of_area"
	msgAreaOK                Msg = "bind.area_ok"
	msgAreaSame              Msg = "bind.area_same"
	msgNotTier1              Msg = "bind.not_tier1"
	msgDuplicate             Msg = "bind.duplicate"
	// next.wallet, next.same_province, next.in_law and next.wallet_later are no longer said
	// (issue 20: what to do instead comes from routes); kept to render lines already stored.
	msgNextWallet       Msg = "next.wallet"
	msgNextSameProvince Msg = "next.same_province"
	msgNextInLaw        Msg = "next.in_law"
	// settle and premiums
	msgImpersonation     Msg = "settle.impersonation"
	msgEligible          Msg = "settle.eligible"
	msgNotDesignated     Msg = "settle.not_designated"
	msgExcludedCategory  Msg = "settle.excluded_category"
	msgOwnPays           Msg = "pay.own"
	msgOwnEmpty          Msg = "pay.own_empty"
	msgNoWalletHere      Msg = "pay.no_wallet_here"
	msgWalletPays        Msg = "pay.wallet"
	msgOrder             Msg = "pay.order"
	msgThreshold         Msg = "pay.sz_threshold"
	msgAuthorizerPays    Msg = "pay.authorizer"
	msgPayerBlocked      Msg = "pay.blocked"
	msgPayerEmpty        Msg = "pay.empty"
	msgPayerNotNeeded    Msg = "pay.not_needed"
	msgPayerNothingDue   Msg = "pay.nothing_due"
	msgNotClaimable      Msg = "pay.sz_not_claimable"
	msgInvalidated       Msg = "binding.sz_invalidated"
	msgNotYetInForce     Msg = "binding.not_yet"
	msgRevoked           Msg = "binding.revoked"
	msgAuthorizerStopped Msg = "binding.authorizer_stopped"
	msgScopeMissing      Msg = "binding.scope_missing"
	msgOutOfRegion       Msg = "binding.out_of_region"
	msgCash              Msg = "pay.cash"
	msgPaidInFull        Msg = "pay.paid_in_full"
	msgPremiumNotOffered Msg = "premium.not_offered"
	msgHistoryOnly       Msg = "pay.sh_history"
	msgHistoryUnknown    Msg = "pay.sh_history_unknown"
	// routes
	msgRouteBound      Msg = "route.bound"
	msgRouteCanBind    Msg = "route.can_bind"
	msgRouteCannotBind Msg = "route.cannot_bind"
	msgRouteWallet     Msg = "route.wallet"
	msgRouteNoWallet   Msg = "route.no_wallet"
	msgRouteNobody     Msg = "route.nobody"
	msgNextRouteBound  Msg = "next.route_bound"
	msgNextRouteBind   Msg = "next.route_bind"
	msgNextRouteWallet Msg = "next.route_wallet"
	msgNextRouteNobody Msg = "next.route_nobody"
	msgNextLaterBind   Msg = "next.later_bind"
	msgNextLaterWallet Msg = "next.later_wallet"
	// wallet
	msgTransferPending Msg = "wallet.sent"
	msgTransferWill    Msg = "wallet.transfer_will"
	msgWalletRegionOff Msg = "wallet.region_off"
	msgWalletRelation  Msg = "wallet.relation"
	msgWalletNotOpened Msg = "wallet.not_opened"
	msgWalletSender    Msg = "wallet.sender"
	msgWalletZero      Msg = "wallet.zero"
	msgWalletPerTxn    Msg = "wallet.per_txn"
	msgWalletBalance   Msg = "wallet.balance"
	msgWalletDaily     Msg = "wallet.daily"
	msgWalletQuiet     Msg = "wallet.quiet"
	msgWalletPending   Msg = "wallet.pending"
	msgAcceptNoChange  Msg = "wallet.accept_no_change"
	msgAccepted        Msg = "wallet.accepted"
	msgExpireNoChange  Msg = "wallet.expire_no_change"
	msgRefunded        Msg = "wallet.refunded"
	msgNextWalletLater Msg = "next.wallet_later"
	msgNextWalletOpen  Msg = "next.wallet_open"
	// withdraw and transfer
	msgNoGround        Msg = "withdraw.no_ground"
	msgGroundNotListed Msg = "withdraw.ground_not_listed"
	msgWithdrawn       Msg = "withdraw.paid"
	msgHangzhouOffset  Msg = "withdraw.hz_offset"
	msgOriginActive    Msg = "transfer.origin_active"
	msgDestNotEnrolled Msg = "transfer.dest_not_enrolled"
	msgRetiree         Msg = "transfer.retiree"
	msgSameRegion      Msg = "transfer.same_region"
	msgTransferred     Msg = "transfer.moved"
	msgBalanceStays    Msg = "transfer.gd_stays"
	msgTransferDue     Msg = "transfer.due"
	msgGapOK           Msg = "transfer.gap_ok"
	msgGapWait         Msg = "transfer.gap_wait"
	// reconcile: a settlement slip against the prediction
	msgSlipInside       Msg = "slip.inside"
	msgSlipBeside       Msg = "slip.beside"
	msgSlipEither       Msg = "slip.either"
	msgSlipMatches      Msg = "slip.matches"
	msgSlipTotal        Msg = "slip.total"
	msgSlipFund         Msg = "slip.fund"
	msgSlipFullSelfPay  Msg = "slip.full_self_pay"
	msgSlipOrder        Msg = "slip.order"
	msgSlipOwnLower     Msg = "slip.own_lower"
	msgSlipOwnHigher    Msg = "slip.own_higher"
	msgSlipMutualLower  Msg = "slip.mutual_lower"
	msgSlipMutualHigher Msg = "slip.mutual_higher"
	msgSlipBalc         Msg = "slip.balc"
	msgSlipWalletPaid   Msg = "slip.wallet_paid"
)

// Consent sentences (shared/mutation consent.go): who must approve a mutation that touches
// another person's money, and where.
const (
	MsgConsentRequired     Msg = "consent.required"
	MsgConsentBind         Msg = "consent.required_bind"
	MsgConsentRevoke       Msg = "consent.required_revoke"
	MsgConsentDevice       Msg = "consent.required_device"
	MsgConsentNotEntitled  Msg = "consent.not_entitled"
	MsgConsentOwnerOnly    Msg = "consent.owner_only"
	MsgConsentApproved     Msg = "consent.approved"
	MsgConsentDeclined     Msg = "consent.declined"
	MsgConsentDeviceLinked Msg = "consent.device_linked"
	MsgRefundServerOnly    Msg = "wallet.refund_server_only"
	// MsgNameTaken: R4, another member already has the name (after trimming and folding).
	MsgNameTaken Msg = "person.name_taken"
	// MsgConsentStillWaiting: K3, one person approved; the request waits for the next.
	MsgConsentStillWaiting Msg = "consent.still_waiting"
)

// Say is an explanation line made outside the engine's actions (the mutation layer's
// consent rules): the rule, the code when it refuses, the sentence and its values, with the
// rule's sources. Values are what the engine's own lines take, or an Arg as it is.
func Say(rule string, code Code, m Msg, values ...any) Line {
	l := Line{Rule: rule, Code: code, Msg: m}
	l.Sources, l.Grade = ruleSources(rule)
	for _, v := range values {
		l.Args = append(l.Args, argOf(v))
	}
	return l
}

// BindingArg names a binding in a line (rendered as whose account for whom).
func BindingArg(id string) Arg { return Arg{KindBinding, id} }

// Msgs lists every sentence; each has a text in both languages (a test checks).
func Msgs() []Msg {
	return []Msg{msgBindAllowed, msgSelfBinding, msgNoScope, msgScopeNotOffered, msgAuthorizerNotEmployee,
		msgAuthorizerOK, msgBeneficiaryNotInsured, msgBeneficiaryOK, msgRelationNotAllowed, msgRelationOK, msgRelationReported,
		msgCardNotLinked, msgOutOfArea, msgAreaOK, msgAreaSame, msgNotTier1, msgDuplicate, msgNextWallet, msgNextSameProvince,
		msgNextInLaw, msgImpersonation, msgEligible, msgNotDesignated, msgExcludedCategory, msgOwnPays, msgOwnEmpty,
		msgNoWalletHere, msgWalletPays, msgOrder, msgThreshold, msgAuthorizerPays, msgPayerBlocked, msgPayerEmpty,
		msgPayerNotNeeded, msgPayerNothingDue, msgNotClaimable, msgInvalidated, msgNotYetInForce, msgRevoked, msgAuthorizerStopped,
		msgScopeMissing, msgOutOfRegion, msgCash, msgPaidInFull, msgPremiumNotOffered,
		msgHistoryOnly, msgHistoryUnknown, msgRouteBound, msgRouteCanBind, msgRouteCannotBind, msgRouteWallet,
		msgRouteNoWallet, msgRouteNobody, msgNextRouteBound, msgNextRouteBind, msgNextRouteWallet, msgNextRouteNobody, msgNextLaterBind, msgNextLaterWallet, msgTransferPending, msgTransferWill, msgWalletRegionOff,
		msgWalletRelation, msgWalletNotOpened, msgWalletSender, msgWalletZero, msgWalletPerTxn, msgWalletBalance,
		msgWalletDaily, msgWalletQuiet, msgWalletPending, msgAcceptNoChange, msgAccepted, msgExpireNoChange,
		msgRefunded, msgNextWalletLater, msgNextWalletOpen, msgNoGround, msgGroundNotListed, msgWithdrawn,
		msgHangzhouOffset, msgOriginActive, msgDestNotEnrolled, msgRetiree, msgSameRegion, msgTransferred,
		msgBalanceStays, msgTransferDue, msgGapOK, msgGapWait, msgSlipInside, msgSlipBeside, msgSlipEither,
		msgSlipMatches, msgSlipTotal, msgSlipFund, msgSlipFullSelfPay, msgSlipOrder, msgSlipOwnLower, msgSlipOwnHigher,
		msgSlipMutualLower, msgSlipMutualHigher, msgSlipBalc, msgSlipWalletPaid,
		MsgConsentRequired, MsgConsentBind, MsgConsentRevoke, MsgConsentDevice, MsgConsentNotEntitled,
		MsgConsentOwnerOnly, MsgConsentApproved, MsgConsentDeclined, MsgConsentDeviceLinked, MsgRefundServerOnly,
		MsgNameTaken, MsgConsentStillWaiting}
}
