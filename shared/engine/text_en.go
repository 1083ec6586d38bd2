package engine

// enText is every explanation sentence in English, with the same values as zhText.
func enText(m Msg) string {
	switch m {
	case msgBindAllowed:
		return "The binding can be made: %[1]s's personal account can pay for %[2]s (%[3]s)."
	case msgSelfBinding:
		return "The authorizer and the beneficiary are both %[1]s: nobody can be bound to themself; choose a relative as the beneficiary."
	case msgNoScope:
		return "No scope is chosen: tick at least one, such as medical bills."
	case msgScopeNotOffered:
		return "In %[2]s, on %[3]s, a personal account cannot yet pay %[1]s. Tick only scopes that are offered, such as medical bills."
	case msgAuthorizerNotEmployee:
		return "%[1]s must be in employee insurance, active, with a personal account, to share it with the family (now: %[2]s, %[3]s, personal account: %[4]s)."
	case msgAuthorizerOK:
		return "%[1]s is in employee insurance with a personal account; status: %[2]s."
	case msgBeneficiaryNotInsured:
		return "%[1]s must be in employee or resident insurance and not stopped (now: %[2]s, %[3]s). Enrol %[1]s first."
	case msgBeneficiaryOK:
		return "%[1]s is in %[2]s."
	case msgRelationNotAllowed:
		return "%[1]s is %[2]s's %[3]s. Under the rules on %[5]s the relatives who can share are: %[4]s; %[3]s is not one of them."
	case msgRelationOK:
		return "%[1]s is %[2]s's %[3]s, among the relatives who can share (rules on %[5]s: %[4]s)."
	case msgCardNotLinked:
		return "Shenzhen requires %[1]s and %[2]s to be linked as family on the social-security card first. Link them at a social-security service point or through Shenzhen's online medical-insurance service, then bind."
	case msgOutOfArea:
		return "%[1]s is insured in %[2]s and %[3]s in %[4]s. Under the rules on %[6]s both must be insured in the %[5]s, so they cannot be bound."
	case msgAreaOK:
		return "%[1]s and %[2]s are insured where the rules allow (on %[4]s: %[3]s)."
	case msgNotTier1:
		return "Shenzhen requires the authorizer to be in tier 1 of employee insurance; %[1]s is in tier %[2]s. %[1]s can bind after moving to tier 1."
	case msgDuplicate:
		return "%[1]s already exists (made on %[2]s): no second binding is needed."
	case msgNextWallet:
		return "Relatives in different provinces cannot be bound; use the medical-insurance wallet instead: %[1]s can send money to %[2]s's wallet. %[3]s: %[5]s; %[4]s: %[6]s."
	case msgNextSameProvince:
		return "Relatives in another city of the same province can be bound once the province shares accounts province-wide (every province did so by the end of October 2024)."
	case msgNextInLaw:
		return "A spouse, child or parent of %[1]s who is in employee insurance can bind %[1]s instead."
	case msgImpersonation:
		return "%[1]s's insurance card or code cannot be used to settle %[2]s's bill: that is impersonation. Under article 41 of the Regulations on the Supervision of Medical Security Funds, direct settlement can be suspended for 3 to 12 months, and fraud is fined 2 to 5 times the amount. Let %[2]s pay with their own card or code; the bound relatives' accounts then pay by themselves."
	case msgEligible:
		return "Personal accounts can pay %[1]s of this bill (counted as %[2]s); the rest is paid in cash."
	case msgNotDesignated:
		return "This institution is not designated by medical insurance, so no personal account can pay: all is cash. Use a designated hospital or pharmacy."
	case msgExcludedCategory:
		return "%[1]s cannot be paid from a personal account: all is cash."
	case msgOwnPays:
		return "First %[1]s's own personal account: %[2]s available, pays %[3]s."
	case msgOwnEmpty:
		return "%[1]s's own personal account has 0.00 yuan, so it pays nothing."
	case msgNoWalletHere:
		return "This institution does not take the medical-insurance wallet: the %[1]s in it cannot be used this time."
	case msgWalletPays:
		return "Medical-insurance wallet: %[1]s balance, pays %[2]s."
	case msgOrder:
		return "The relatives' accounts pay in this order: %[1]s."
	case msgThreshold:
		return "Before 1 October 2023 only the part of a Shenzhen account above %[3]s could be shared: %[1]s has %[2]s, so %[4]s can be shared."
	case msgAuthorizerPays:
		return "%[1]s's personal account (%[2]s): %[3]s available, pays %[4]s."
	case msgPayerBlocked:
		return "For the reason above, %[1]s's %[2]s pays nothing this time."
	case msgPayerEmpty:
		return "%[1]s's %[2]s has 0.00 yuan available, so it pays nothing."
	case msgPayerNothingDue:
		return "Nothing in this bill can be paid from an account, so %[1]s's %[2]s pays nothing."
	case msgPayerNotNeeded:
		return "The accounts before it already paid everything, so %[1]s's %[2]s pays nothing."
	case msgNotClaimable:
		return "Shenzhen: the medical costs %[1]s's account paid for a relative cannot be claimed again from medical assistance or commercial insurance."
	case msgInvalidated:
		return "%[1]s (made on %[2]s with only the resident premium ticked) lapsed on 1 October 2023 and pays nothing. Bind again: a new binding covers medical bills and the resident premium."
	case msgNotYetInForce:
		return "%[1]s was made on %[2]s, so it was not yet in force on the bill date, %[3]s."
	case msgRevoked:
		return "%[1]s was revoked on %[2]s, so it could not be used on the bill date, %[3]s."
	case msgAuthorizerStopped:
		return "%[1]s's insurance has stopped, so %[2]s cannot pay."
	case msgScopeMissing:
		return "%[1]s does not cover %[2]s, so it cannot pay this time. Change the binding to add it."
	case msgOutOfRegion:
		return "%[1]s can only be used at institutions in %[2]s; this one is in %[3]s."
	case msgCash:
		return "Accounts and wallets pay %[1]s in all; cash pays %[2]s."
	case msgHistoryOnly:
		return "In Shanghai an account pays for relatives only from its prior-years balance: %[1]s has %[2]s there, so %[3]s can be shared."
	case msgHistoryUnknown:
		return "In Shanghai an account pays for relatives only from its prior-years balance. The prior-years balance of %[1]s was not given, so nothing is shared this time; enter it to recompute."
	case msgRouteBound:
		return "%[1]s: already bound. %[3]s is in force and pays for %[2]s's medical bills automatically."
	case msgRouteCanBind:
		return "%[1]s: can bind. %[1]s can make a family mutual-aid binding for %[2]s today (medical bills)."
	case msgRouteCannotBind:
		return "%[1]s cannot make a family mutual-aid binding for %[2]s, for these reasons:"
	case msgRouteWallet:
		return "%[1]s: can use the wallet. %[1]s can send money from the %[3]s to the medical-insurance wallet of %[2]s (at most 2000.00 yuan a transfer, 3 a day, none from 10 pm to 6 am)."
	case msgRouteNoWallet:
		return "%[1]s cannot send money to the medical-insurance wallet of %[2]s, for these reasons:"
	case msgRouteNobody:
		return "Nobody in the family can pay for %[1]s today: no binding is in force, none can be made, and no wallet transfer is possible. The reasons above show what would change that."
	case msgNextRouteBound:
		return "%[1]s already has a family mutual-aid binding for %[2]s, which pays for the medical bills of %[2]s automatically."
	case msgNextRouteBind:
		return "%[1]s can make a family mutual-aid binding for %[2]s instead, today."
	case msgNextRouteWallet:
		return "%[1]s can send money from the %[3]s to the medical-insurance wallet of %[2]s."
	case msgNextRouteNobody:
		return "Nobody in the family can pay for %[1]s today: no binding can be made and no wallet transfer is possible. The reasons above show what would change that."
	case msgRelationReported:
		return "Sources from %[1]s report that close relatives such as a %[3]s could share there from %[2]s, which disagrees with the national date above. This product decides by the national date; ask the local medical-insurance office or call 12393 whether it can be done now."
	case msgNextLaterBind:
		return "Under the rules as they stand, %[1]s can make a family mutual-aid binding for %[2]s from %[3]s."
	case msgNextLaterWallet:
		return "Under the rules as they stand, %[1]s can send money to the medical-insurance wallet of %[2]s from %[3]s, when both places have the wallet."
	case msgPremiumNotOffered:
		return "In %[2]s, on %[3]s, a personal account cannot yet pay %[1]s: pay this premium in cash."
	case msgTransferPending:
		return "%[1]s sent to %[2]s, free of charge. %[2]s must accept it before %[3]s, or it goes back."
	case msgWalletRegionOff:
		return "%[2]s, where %[1]s is insured, did not yet have the medical-insurance wallet on %[3]s."
	case msgWalletRelation:
		return "%[1]s is %[2]s's %[3]s: the wallet only sends to close relatives (spouse, parents, children, siblings, grandparents, grandchildren)."
	case msgWalletNotOpened:
		return "%[1]s has not opened a medical-insurance wallet."
	case msgWalletSender:
		return "%[1]s cannot send from the %[2]s (now: %[3]s, %[4]s). Sending from the personal account needs employee insurance; from the wallet, insurance and an opened wallet."
	case msgWalletZero:
		return "The amount must be more than 0.00 yuan (entered: %[1]s)."
	case msgWalletPerTxn:
		return "One transfer is at most %[2]s; this one is %[1]s. Send it in parts, up to 3 a day."
	case msgWalletBalance:
		return "The %[2]s has only %[3]s, not enough to send %[1]s."
	case msgWalletDaily:
		return "%[1]s transfers were already made on %[2]s; at most 3 a day. Send again after 06:00 tomorrow."
	case msgWalletQuiet:
		return "No transfers from 22:00 to 06:00 (now: %[1]s). Send after 06:00."
	case msgWalletPending:
		return "The last transfer to %[1]s is still waiting to be accepted. Send again once it is accepted or goes back at 06:00."
	case msgAcceptNoChange:
		return "This transfer is %[1]s (back at %[2]s): accepting it now changes no balance."
	case msgAccepted:
		return "%[1]s is now in %[2]s's medical-insurance wallet."
	case msgExpireNoChange:
		return "This transfer is %[1]s; its return time %[2]s has not come or was already handled: nothing changes."
	case msgRefunded:
		return "This transfer was not accepted: %[1]s went back to %[2]s at %[3]s."
	case msgNextWalletLater:
		return "Send once both places have the wallet; relatives in the same province can also be bound for family mutual aid."
	case msgNextWalletOpen:
		return "Ask %[1]s to open a medical-insurance wallet first (in the national medical-insurance service app or the local online service), then send."
	case msgNoGround:
		return "No ground for a withdrawal is chosen. While insured, a personal account cannot be cashed out; only grounds such as death or settling abroad allow a one-off withdrawal."
	case msgGroundNotListed:
		return "Under the rules of %[2]s, %[1]s is not a ground for paying out a personal account (grounds: %[3]s). The balance can stay and keep paying for the holder and the family."
	case msgWithdrawn:
		return "On the ground of %[1]s the whole balance of %[2]s can be paid out once, free of charge; the account is then closed."
	case msgHangzhouOffset:
		return "Current-year account %[1]s, prior-years account %[2]s; a current-year overdraft is first offset by the historical account, so %[3]s can be paid out; an overdraft left over is not repaid."
	case msgOriginActive:
		return "Still insured at the origin, %[1]s: stop there first, then ask for the transfer."
	case msgDestNotEnrolled:
		return "Not yet insured at the destination, %[1]s: enrol there first, then ask for the transfer."
	case msgRetiree:
		return "%[1]s is retired: a retiree's medical insurance is not transferred."
	case msgSameRegion:
		return "%[1]s and %[2]s are one pooling region: no transfer is needed."
	case msgTransferred:
		return "The whole balance of %[1]s moves from %[2]s to %[3]s, free of charge. The origin handles it within %[4]s working days, the destination within %[5]s working days of receipt."
	case msgBalanceStays:
		return "A move between pooling regions inside Guangdong: the balance of %[1]s is neither moved nor paid out; it stays with the person and can be used in %[2]s, %[3]s and every other city of the province."
	case msgTransferDue:
		return "The origin handles it within %[1]s working days, the destination within %[2]s working days of receipt, free of charge."
	case msgGapOK:
		return "A gap of %[1]s months, not more than %[2]s: benefits continue."
	case msgGapWait:
		return "A gap of %[1]s months, more than %[2]s: the destination may set a waiting period of up to 6 months."
	case msgSlipInside:
		return "The slip's personal-account payment includes what relatives' accounts paid (judged from the totals)."
	case msgSlipBeside:
		return "The slip's personal-account payment is the holder's own account only; relatives' payments are listed beside it (judged from the totals)."
	case msgSlipEither:
		return "The slip has no payment from relatives' accounts: its personal-account payment is the holder's own."
	case msgSlipMatches:
		return "The slip agrees with the prediction."
	case msgSlipTotal:
		return "The slip's total is %[1]s; the bill was entered as %[2]s: correct the bill from the slip."
	case msgSlipFund:
		return "The slip's fund payment is %[1]s; the bill was entered with %[2]s from the pooled fund: correct the bill from the slip."
	case msgSlipFullSelfPay:
		return "The slip shows the accounts paid %[1]s more, within the %[2]s of fully self-paid items: this city may let accounts pay such items (not officially confirmed)."
	case msgSlipOrder:
		return "The accounts paid the same in all, in another order: own account %[1]s (predicted %[2]s), relatives %[3]s (predicted %[4]s)."
	case msgSlipOwnLower:
		return "A guess: %[1]s's own account paid only %[2]s, predicted %[3]s: it may hold less than recorded, perhaps a payment elsewhere was not entered."
	case msgSlipOwnHigher:
		return "A guess: %[1]s's own account paid %[2]s, predicted %[3]s: it may hold more than recorded, perhaps a monthly credit was not entered."
	case msgSlipMutualLower:
		return "A guess: relatives' accounts paid only %[1]s, predicted %[2]s: they may hold less than recorded, or a binding was not in force at the counter."
	case msgSlipMutualHigher:
		return "A guess: relatives' accounts paid %[1]s, predicted %[2]s: they may hold more than recorded."
	case msgSlipWalletPaid:
		return "%[1]s's medical-insurance wallet paid %[2]s: the slip counts wallet payments with the mutual aid, so relatives' accounts did not pay this part."
	case msgSlipBalc:
		return "The slip says %[1]s's account holds %[2]s after this bill; by the ledger it should hold %[3]s, %[4]s apart: adjust the balance to the slip and say why (a missing monthly credit, for example)."
	case MsgConsentRequired:
		return "This uses %[1]s's medical-insurance account or wallet: %[1]s approves it on their own device, or the family's owner on the owner's device (Sync, \"waiting for approval\"). Until then nothing changes."
	case MsgConsentBind:
		return "This lets %[1]s's personal account pay for %[2]s: %[1]s approves it on their own device, or the family's owner on the owner's device (Sync, \"waiting for approval\"). Until then nothing changes."
	case MsgConsentRevoke:
		return "This ends %[1]s: %[2]s or %[3]s approves it on their own device, or the family's owner on the owner's device (Sync, \"waiting for approval\"). Until then the binding stays in force."
	case MsgConsentDevice:
		return "This device asks to be recorded as %[1]s's device: the family's owner confirms it on the owner's device (Sync, \"waiting for approval\"). Until then, anything on this device that uses a family member's insurance money waits for that person's approval."
	case MsgConsentNotEntitled:
		return "Only %[1]s's own device or the family owner's device can approve or decline this request; this device cannot."
	case MsgConsentOwnerOnly:
		return "Only the family owner's device can confirm or change whose device a device is; this device cannot."
	case MsgConsentApproved:
		return "Request approved: it is applied with the balances and rules at the moment of approval, as follows."
	case MsgConsentDeclined:
		return "Request declined: nothing changed."
	case MsgNameTaken:
		return "%[1]s in the family already has this name. Names in a family must differ: add how the family calls them, for example \"王秀英 (grandma)\"."
	case MsgConsentStillWaiting:
		return "Your approval is recorded. This also changes %[1]s's money or details: it takes effect once %[1]s approves on their own device (or the family owner does)."
	case MsgConsentDeviceLinked:
		return "This device is recorded as %[1]s's device: from now on %[1]s uses their own account and wallet on it directly."
	case MsgRefundServerOnly:
		return "An unaccepted wallet transfer is refunded by the server at the first 06:00 after it; a device cannot refund it, early or at all. When the time comes the refund appears in the ledger by itself."
	}
	return ""
}
