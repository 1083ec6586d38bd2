//go:build !js

package app

// installDivisions: host builds have the region table compiled in.
func installDivisions() {}
