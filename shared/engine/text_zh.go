package engine

// zhText is every explanation sentence in Chinese (简体中文), the language families read first.
func zhText(m msg) string {
	switch m {
	case msgBindAllowed:
		return "可以绑定：%v 的个人账户可为 %v 支付（范围：%v）。"
	case msgSelfBinding:
		return "共济人与被共济人是同一人（%v），不能给自己绑定。"
	case msgNoScope:
		return "未选择共济范围：至少选择一项（就医购药、居民医保缴费等）。"
	case msgScopeNotOffered:
		return "共济范围 %v 在地区 %v 于 %v 尚未开放。"
	case msgAuthorizerNotEmployee:
		return "共济人 %v 须为在职工医保正常参保且有个人账户（当前：险种 %v，状态 %v，个人账户 %v）。"
	case msgAuthorizerOK:
		return "共济人 %v 参加职工医保且有个人账户（状态 %v）。"
	case msgBeneficiaryNotInsured:
		return "被共济人 %v 须已参加职工医保或居民医保且未终止（当前：险种 %v，状态 %v）。"
	case msgRelationNotAllowed:
		return "%v 是 %v 的 %v，不在该地区允许的亲属范围（%v，%v 适用）内。"
	case msgCardNotLinked:
		return "深圳：%v 与 %v 须先在社保卡上关联为家庭成员。"
	case msgOutOfArea:
		return "%v 参保地 %v 与共济人 %v 参保地 %v 不符合地域要求（%v，%v 适用）。"
	case msgNotTier1:
		return "深圳：共济人 %v 须为一档参保（当前档次：%v）。"
	case msgDuplicate:
		return "已有同一对人的绑定 %v（%v 创建），不能重复绑定。"
	case msgImpersonation:
		return "拒绝：使用 %v 的医保卡或电子凭证为 %v 结算属冒名就医。依《医疗保障基金使用监督管理条例》第四十一条，可暂停联网结算 3-12 个月；构成骗保的处骗取金额 2-5 倍罚款。请使用患者本人的凭证，共济账户会自动支付。"
	case msgEligible:
		return "个人账户可支付部分：%v 元（口径：%v）。其余由现金支付。"
	case msgNotDesignated:
		return "非定点医药机构：任何个人账户都不能支付，全部现金。"
	case msgExcludedCategory:
		return "类别 %v 不属于医保个人账户支付范围，全部现金。"
	case msgOwnPays:
		return "先用本人账户：%v 可用余额 %v 元，支付 %v 元。"
	case msgNoWalletHere:
		return "该机构不支持医保钱包：钱包余额 %v 元本次不能使用。"
	case msgWalletPays:
		return "医保钱包：余额 %v 元，支付 %v 元。"
	case msgOrder:
		return "多位共济人的扣款顺序：%v。"
	case msgThreshold:
		return "深圳 2023-10-01 前：%v 余额 %v 元中 %v 元为门槛，只有 %v 元可共济。"
	case msgAuthorizerPays:
		return "共济人 %v（绑定 %v）：可用 %v 元，支付 %v 元。"
	case msgNotClaimable:
		return "深圳：%v 共济支付的金额不能再用于医疗救助或商业保险报销。"
	case msgInvalidated:
		return "绑定 %v（%v 创建，仅选居民医保缴费）自 2023-10-01 起失效，需要重新绑定。"
	case msgNotInForce:
		return "绑定 %v 未生效：创建 %v，解除 %v，账单日 %v。"
	case msgAuthorizerStopped:
		return "共济人 %v 已终止参保，绑定 %v 不能支付。"
	case msgScopeMissing:
		return "绑定 %v 未授权范围 %v：可修改绑定勾选该范围。"
	case msgOutOfRegion:
		return "深圳绑定 %v 只能在深圳市内机构使用，本次机构在 %v。"
	case msgCash:
		return "账户共支付 %v 元，现金 %v 元。"
	case msgTransferPending:
		return "已转出 %v 元给 %v，免手续费；对方未接收的将于 %v 退回。"
	case msgWalletRegionOff:
		return "%v 所在省份（%v）于 %v 尚未开通医保钱包。"
	case msgWalletRelation:
		return "%v 是 %v 的 %v：医保钱包只能转给近亲属。"
	case msgWalletNotOpened:
		return "%v 尚未开通医保钱包。"
	case msgWalletSender:
		return "转出人 %v 不能从 %v 转出（险种 %v，状态 %v）。"
	case msgWalletZero:
		return "转账金额须大于 0.00（当前 %v）。"
	case msgWalletPerTxn:
		return "单笔 %v 元超过上限 %v 元。"
	case msgWalletBalance:
		return "金额 %v 元超过 %v 余额 %v 元。"
	case msgWalletDaily:
		return "今天已转 %v 笔（%v），每天最多 3 笔。"
	case msgWalletQuiet:
		return "22:00 至次日 06:00 不能转账（当前 %v）。"
	case msgWalletPending:
		return "给 %[2]v 的转账 %[1]v 尚待接收，接收或退回后才能再转。"
	case msgAcceptNoChange:
		return "转账 %v 状态为 %v（退回时间 %v），本次接收无变化。"
	case msgAccepted:
		return "转账 %v：%v 元已进入 %v 的医保钱包。"
	case msgExpireNoChange:
		return "转账 %v 状态为 %v，退回时间 %v 未到或已处理，无变化。"
	case msgRefunded:
		return "转账 %v 未被接收：%v 元已于 %[4]v 退回 %[3]v。"
	case msgNoGround:
		return "没有可提取的理由（%q）：在职参保人员个人账户不能提现。"
	case msgGroundNotListed:
		return "理由 %v 不在地区 %v 的提取范围（%v）内。"
	case msgWithdrawn:
		return "依理由 %v 一次性支取全部余额 %v 元，免手续费，账户随后注销。"
	case msgOriginActive:
		return "转出地 %v 尚未中止参保，须先停保。"
	case msgDestNotEnrolled:
		return "尚未在转入地 %v 参保，须先参保。"
	case msgRetiree:
		return "%v 已退休：退休人员医保关系不能转移。"
	case msgSameRegion:
		return "%v 与 %v 属同一统筹区，无需转移。"
	case msgTransferred:
		return "个人账户余额 %v 元全部由 %v 转至 %v，免费；转出地 %v 个工作日，转入地 %v 个工作日。"
	case msgGap:
		return "断缴 %v 个月（不超过 %v 个月则待遇连续）：待遇连续 %v。"
	case msgBeneficiaryOK:
		return "被共济人 %v 已参保（%v）。"
	case msgRelationOK:
		return "%v 是 %v 的 %v，在允许的亲属范围（%v，%v 适用）内。"
	case msgBalanceStays:
		return "广东省内跨统筹区转移：个人账户余额 %v 元不划转、不提现，留在本人名下，在 %v 和 %v 等省内各市都可使用。"
	case msgTransferDue:
		return "转出地 %v 个工作日内办理，转入地收到后 %v 个工作日内办结，免费。"
	case msgAreaOK:
		return "参保地 %v 与 %v 符合地域要求（%v，%v 适用）。"
	}
	return "?"
}
