package engine

// Lead is what an explanation says first (issue 19): the lines that decided it. A refusal's
// lines (a line with a code) come first; else the conclusion (可以绑定, the bill's cash, the
// transfer made, ...); else the first line. The rest, with rule ids and sources, folds under
// 「依据」. The lines keep their order.
func Lead(lines []Line) []Line {
	var refused, concluded []Line
	for _, l := range lines {
		switch {
		case l.Code != "":
			refused = append(refused, l)
		case concludes(l.Msg):
			concluded = append(concluded, l)
		}
	}
	switch {
	case refused != nil:
		return refused
	case concluded != nil:
		return concluded
	case len(lines) > 0:
		return lines[:1]
	}
	return nil
}

// concludes says whether a message is a decision's conclusion rather than one check, or says
// what the family can fill in to change it (SH1: the 历年账户 not given).
func concludes(m Msg) bool {
	switch m {
	case msgBindAllowed, msgCash, msgPaidInFull, msgTransferPending, msgTransferWill, msgAccepted, msgRefunded, msgWithdrawn,
		msgTransferred, msgSlipMatches, msgRouteNobody, msgNextRouteNobody, msgHistoryUnknown:
		return true
	}
	return false
}

// Preview is the lines as said before anything is done: a check of a transfer says 「将转出」
// (what will happen), the record of one 「已转出」.
func Preview(lines []Line) []Line {
	out := make([]Line, len(lines))
	for i, l := range lines {
		if l.Msg == msgTransferPending {
			l.Msg = msgTransferWill
		}
		out[i] = l
	}
	return out
}
