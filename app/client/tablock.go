package client

// tabClaim remembers this tab's answer from claimTab: the lock is asked for once per tab
// (a second request from the holder itself would be refused), and every shell that mounts
// after a navigation reads the answer.
var tabClaim struct {
	asked, known, writer bool
	waiting              []func(writer bool)
}

// ClaimTabOnce calls done with whether this tab writes the family's document, asking the
// browser on the first call only.
func ClaimTabOnce(done func(writer bool)) {
	switch {
	case tabClaim.known:
		done(tabClaim.writer)
		return
	case tabClaim.asked:
		tabClaim.waiting = append(tabClaim.waiting, done)
		return
	}
	tabClaim.asked = true
	tabClaim.waiting = append(tabClaim.waiting, done)
	claimTab(func(writer bool) {
		tabClaim.known, tabClaim.writer = true, writer
		for _, f := range tabClaim.waiting {
			f(writer)
		}
		tabClaim.waiting = nil
	})
}
