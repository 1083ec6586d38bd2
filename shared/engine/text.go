package engine

// msg names one explanation sentence. Its Chinese text is in text_zh.go and its English text
// in text_en.go: one place per language.
type msg int

// Explanation sentences, in the order the actions use them.
const (
	msgBindAllowed msg = iota
	msgSelfBinding
	msgNoScope
	msgScopeNotOffered
	msgAuthorizerNotEmployee
	msgAuthorizerOK
	msgBeneficiaryNotInsured
	msgRelationNotAllowed
	msgCardNotLinked
	msgOutOfArea
	msgNotTier1
	msgDuplicate
	msgImpersonation
	msgEligible
	msgNotDesignated
	msgExcludedCategory
	msgOwnPays
	msgNoWalletHere
	msgWalletPays
	msgOrder
	msgThreshold
	msgAuthorizerPays
	msgNotClaimable
	msgInvalidated
	msgNotInForce
	msgAuthorizerStopped
	msgScopeMissing
	msgOutOfRegion
	msgCash
	msgTransferPending
	msgWalletRegionOff
	msgWalletRelation
	msgWalletNotOpened
	msgWalletSender
	msgWalletZero
	msgWalletPerTxn
	msgWalletBalance
	msgWalletDaily
	msgWalletQuiet
	msgWalletPending
	msgAcceptNoChange
	msgAccepted
	msgExpireNoChange
	msgRefunded
	msgNoGround
	msgGroundNotListed
	msgWithdrawn
	msgOriginActive
	msgDestNotEnrolled
	msgRetiree
	msgSameRegion
	msgTransferred
	msgGap
	msgBeneficiaryOK
	msgRelationOK
	msgAreaOK
	msgBalanceStays
	msgTransferDue
	msgCount // the number of sentences; every language must have each one
)
