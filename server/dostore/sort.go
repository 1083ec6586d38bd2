package dostore

import (
	"sort"

	"gongji/server/store"
)

// sortDevices orders devices by creation time, then id, as every store lists them.
func sortDevices(ds []store.Device) {
	sort.Slice(ds, func(i, j int) bool {
		if !ds[i].Created.Equal(ds[j].Created) {
			return ds[i].Created.Before(ds[j].Created)
		}
		return ds[i].ID < ds[j].ID
	})
}
