package family

import (
	"encoding/json"
	"time"

	"gongji/shared/ledger/posting"
)

// MaxRecords bounds how many actions a state remembers for correction: the newest 1,000. An
// older action is corrected with a signed correcting entry (mutation correct), not voided.
const MaxRecords = 1000

// Record is an applied action a later mutation may correct: what it was, for whom, the ledger
// entries it wrote and how it stands. Records are never edited in place: a state that voids
// one swaps in a changed copy (Mark), so a clone of the state shares them safely.
type Record struct {
	ID   string    `json:"id"`   // the mutation's id, "<client_id>/<mutation_id>"
	Name string    `json:"name"` // the mutation's name
	At   time.Time `json:"at"`   // the moment the rules used: a bill's visit, else the mutation's
	// Person is whom it was for: the patient, the insured, the person credited or edited.
	Person  PersonID        `json:"person,omitempty"`
	Entries []posting.Entry `json:"entries,omitempty"`
	// Voids is the record this one voided (a void, an undo, an amended bill).
	Voids string `json:"voids,omitempty"`
	// VoidedBy is the record that voided this one; empty while it stands.
	VoidedBy string `json:"voided_by,omitempty"`
	// Arrived is the transfer_arrive that brought a transferred balance into the new account.
	Arrived string `json:"arrived,omitempty"`
	// Before and After are the person as an edit or a life event found and left them.
	Before *Person `json:"before,omitempty"`
	After  *Person `json:"after,omitempty"`
}

// Record finds a remembered action by its mutation id: a copy; change it through Mark.
func (s *State) Record(id string) *Record {
	for i := s.Records.Len() - 1; i >= 0; i-- {
		if s.Records.ID(i) == id {
			return s.Records.At(i)
		}
	}
	return nil
}

// Remember adds r as the newest record, forgetting the oldest beyond MaxRecords.
func (s *State) Remember(r Record) { s.Records.add(&r) }

// Mark changes the record id (other states keep the old one); it says whether the record was
// found.
func (s *State) Mark(id string, change func(*Record)) bool {
	for i := s.Records.Len() - 1; i >= 0; i-- {
		if s.Records.ID(i) == id {
			r := s.Records.At(i)
			change(r)
			s.Records.set(i, r)
			return true
		}
	}
	return false
}

// String is the record as JSON, so that printing a state shows records, not pointers.
func (r *Record) String() string {
	b, err := json.Marshal(r)
	if err != nil {
		return "record " + r.ID + ": " + err.Error()
	}
	return string(b)
}
