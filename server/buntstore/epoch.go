package buntstore

// RenewEpochs gives every family a new log epoch (store.Family.Epoch) in one fsynced
// transaction. gongji restore calls it on the backup before putting it in place: the restored
// logs are older than what devices have seen, and a new epoch tells each device to pull again
// from 0 and push again what of its own is missing.
func (s *Store) RenewEpochs(newEpoch func() string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	kv := make([]string, 0, 2*len(s.families))
	renewed := make(map[string]string, len(s.families))
	for id, fm := range s.families {
		f := fm.info
		f.Epoch = newEpoch()
		renewed[id] = f.Epoch
		kv = append(kv, familyKey(id), mustJSON(f))
	}
	if err := s.write(kv...); err != nil {
		return err
	}
	for id, e := range renewed {
		s.families[id].info.Epoch = e
	}
	return nil
}
