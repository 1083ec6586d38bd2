package buntstore

import (
	"encoding/json"
	"strings"

	"gongji/shared/sync"
)

// decodeRecord reads one log record. A record of format version 1 (written before
// sync.FormatVersion 2: "clientID", money in fen) is upgraded with sync.UpgradeV1 first, so
// an existing database keeps its log. Until the record envelope carries its format version,
// version 1 is recognized by its "clientID" key, which version 2 never writes.
func decodeRecord(v string, r *record) error {
	data := []byte(v)
	if strings.Contains(v, `"clientID"`) {
		up, err := sync.UpgradeV1(data)
		if err != nil {
			return err
		}
		data = up
	}
	return json.Unmarshal(data, r)
}
