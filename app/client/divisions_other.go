//go:build !js

package client

// InstallDivisions: host builds have the region table compiled in.
func InstallDivisions() {}
