package client

// tabClaim remembers this tab's answer from claimTab: the lock is asked for once per tab
// (a second request from the holder itself would be refused), and every shell that mounts
// after a navigation reads the answer.
type tabClaim struct {
	asked, known, writer bool
	waiting              []func(writer bool)
}

// ClaimTabOnce calls done with whether this tab writes the family's document, asking the
// browser on the first call only.
func (s *Store) ClaimTabOnce(done func(writer bool)) {
	c := &s.tab
	switch {
	case c.known:
		done(c.writer)
		return
	case c.asked:
		c.waiting = append(c.waiting, done)
		return
	}
	c.asked = true
	c.waiting = append(c.waiting, done)
	claimTab(func(writer bool) {
		c.known, c.writer = true, writer
		for _, f := range c.waiting {
			f(writer)
		}
		c.waiting = nil
	})
}
