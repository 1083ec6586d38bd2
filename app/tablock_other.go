//go:build !js

package app

// claimTab on the host: one process, one writer.
func claimTab(done func(writer bool)) { done(true) }
