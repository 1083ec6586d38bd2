package book

import (
	"testing"

	"gongji/shared/engine"
	"gongji/shared/family"
	"gongji/shared/money"
	"gongji/shared/mutation"
)

// The newest checkpoint of every account lists the rows after it, also when checkpoints of
// other accounts came after it (the list of views grew past it).
func TestNewestCheckpointOfEachAccountListsRowsSince(t *testing.T) {
	e := engine.Default()
	l := family3(t, e)
	check := func(p family.PersonID, balance string) {
		t.Helper()
		if o := do(t, e, l, mutation.Checkpoint, mutation.CheckpointArgs{Person: p, Balance: money.MustParse(balance)}); !o.Status.Applied() {
			t.Fatalf("checkpoint of %s: %+v", p, o)
		}
	}
	do(t, e, l, mutation.AddPerson, person("李四", family.Employee, "500.00"))
	do(t, e, l, mutation.AddPerson, person("孙七", family.Employee, "300.00"))
	check("张三", "1000.00")
	check("李四", "500.00")
	check("孙七", "300.00")
	do(t, e, l, mutation.Settle, bill("张三", "10.00"))
	views := Build(e, l).Checkpoints()
	if len(views) != 3 {
		t.Fatalf("%d checkpoint views, want 3", len(views))
	}
	for _, v := range views {
		if v.Person == "张三" && len(v.Since) == 0 {
			t.Errorf("张三's checkpoint lists no rows since, after a bill paid from the account: %+v", v)
		}
	}
}
