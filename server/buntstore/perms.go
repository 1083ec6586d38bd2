package buntstore

import (
	"fmt"
	"os"
)

// createPrivate makes sure the database file exists readable by its owner only (0600):
// BuntDB would create it 0666 less the umask, world-readable on most systems, and the log
// holds every family's accounts. An existing file is tightened too.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}
