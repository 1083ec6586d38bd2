package engine

// enText is every explanation sentence in English.
func enText(m msg) string {
	switch m {
	case msgBindAllowed:
		return "Allowed: %v's personal account may pay for %v (scopes: %v)."
	case msgSelfBinding:
		return "The authorizer and the beneficiary are the same person (%v)."
	case msgNoScope:
		return "No scope chosen: choose at least one (medical, premiums)."
	case msgScopeNotOffered:
		return "Scope %v is not offered in region %v on %v."
	case msgAuthorizerNotEmployee:
		return "Authorizer %v must be an active employee-insurance member with a personal account (now: %v, %v, account %v)."
	case msgAuthorizerOK:
		return "Authorizer %v is in employee insurance with a personal account (status %v)."
	case msgBeneficiaryNotInsured:
		return "Beneficiary %v must be in employee or resident insurance and not stopped (now: %v, %v)."
	case msgRelationNotAllowed:
		return "%v is %v's %v, not in the region's allowed relations (%v, on %v)."
	case msgCardNotLinked:
		return "Shenzhen: %v and %v must first be linked as family on the social-security card."
	case msgOutOfArea:
		return "%v is insured in %v and authorizer %v in %v: outside the allowed area (%v, on %v)."
	case msgNotTier1:
		return "Shenzhen: authorizer %v must be tier 1 (一档); tier is %v."
	case msgDuplicate:
		return "Binding %v for the same pair already exists (created %v)."
	case msgImpersonation:
		return "Refused: using %v's card or e-voucher for %v is impersonation (冒名就医). Regulation on the supervision of medical-security funds, art. 41: 3-12 months without direct settlement; 2-5x the amount as a fine where it is fraud. Use the patient's own voucher: the bound accounts pay automatically."
	case msgEligible:
		return "Payable from personal accounts: %v (base: %v). The rest is cash."
	case msgNotDesignated:
		return "Not a designated institution: no personal account pays; all is cash."
	case msgExcludedCategory:
		return "Category %v is never paid from a personal account; all is cash."
	case msgOwnPays:
		return "Own account first: %v has %v usable, pays %v."
	case msgNoWalletHere:
		return "This institution does not take the 医保钱包: the wallet's %v cannot pay here."
	case msgWalletPays:
		return "Wallet: balance %v, pays %v."
	case msgOrder:
		return "Order of several authorizers: %v."
	case msgThreshold:
		return "Shenzhen before 2023-10-01: of %v's balance %v, %v is the threshold; %v can be shared."
	case msgAuthorizerPays:
		return "Authorizer %v (binding %v): %v usable, pays %v."
	case msgNotClaimable:
		return "Shenzhen: what %v pays cannot be claimed again from medical assistance or commercial insurance."
	case msgInvalidated:
		return "Binding %v (created %v, resident premium only) lapsed on 2023-10-01: bind again."
	case msgNotInForce:
		return "Binding %v is not in force: created %v, revoked %v, bill date %v."
	case msgAuthorizerStopped:
		return "Authorizer %v has stopped insurance: binding %v cannot pay."
	case msgScopeMissing:
		return "Binding %v does not cover %v: edit the binding to tick it."
	case msgOutOfRegion:
		return "Shenzhen binding %v pays only at institutions in Shenzhen; this one is in %v."
	case msgCash:
		return "Accounts pay %v in all; cash %v."
	case msgTransferPending:
		return "Sent %v to %v, no fee; unless accepted it returns at %v."
	case msgWalletRegionOff:
		return "%v's province (%v) has no 医保钱包 yet on %v."
	case msgWalletRelation:
		return "%v is %v's %v: the wallet sends only to close relatives."
	case msgWalletNotOpened:
		return "%v has not opened a 医保钱包."
	case msgWalletSender:
		return "Sender %v cannot send from the %v (%v, %v)."
	case msgWalletZero:
		return "The amount must be more than 0.00 (got %v)."
	case msgWalletPerTxn:
		return "%v is above the per-transfer limit of %v."
	case msgWalletBalance:
		return "%v is more than the %v balance of %v."
	case msgWalletDaily:
		return "Already %v transfers today (%v); at most 3 a day."
	case msgWalletQuiet:
		return "No transfers from 22:00 to 06:00 (now %v)."
	case msgWalletPending:
		return "Transfer %v to %v is still pending: wait until it is accepted or refunded."
	case msgAcceptNoChange:
		return "Transfer %v is %v (refund time %v): accepting changes nothing."
	case msgAccepted:
		return "Transfer %v: %v is now in %v's wallet."
	case msgExpireNoChange:
		return "Transfer %v is %v; refund time %v not reached or already handled: no change."
	case msgRefunded:
		return "Transfer %v was not accepted: %v went back to %v at %v."
	case msgNoGround:
		return "No withdrawal ground (%q): a working member cannot cash out the account."
	case msgGroundNotListed:
		return "Ground %v is not in region %v's list (%v)."
	case msgWithdrawn:
		return "On ground %v the whole balance of %v is paid out, free; the account is then closed."
	case msgOriginActive:
		return "Still insured at the origin %v: stop there first."
	case msgDestNotEnrolled:
		return "Not yet enrolled at the destination %v: enrol there first."
	case msgRetiree:
		return "%v is retired: a retiree's insurance relationship cannot be transferred."
	case msgSameRegion:
		return "%v and %v are the same pooling region: no transfer is needed."
	case msgTransferred:
		return "The whole balance %v moves from %v to %v, free; origin %v working days, destination %v."
	case msgGap:
		return "Gap of %v months (continuous benefits up to %v): continuous %v."
	case msgBeneficiaryOK:
		return "Beneficiary %v is insured (%v)."
	case msgRelationOK:
		return "%v is %v's %v, within the allowed relations (%v, on %v)."
	case msgBalanceStays:
		return "A move between pooling regions inside Guangdong: the balance of %v stays with the person, neither moved nor paid out, and is usable in %v, %v and every other city of the province."
	case msgTransferDue:
		return "The origin handles it within %v working days, the destination within %v working days of receipt, free."
	case msgAreaOK:
		return "Insured in %v and %v: within the allowed area (%v, on %v)."
	}
	return "?"
}
