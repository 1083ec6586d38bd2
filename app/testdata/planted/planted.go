package planted

var (
	count int
	state struct{ on bool }
	table = map[string]int{}
	ptr   *int
	Count int
)

func init() { count = 1 } // allowed: init

func local() {
	count := 2 // a local of the same name: allowed
	count++
}

func planted() {
	count = 3
	count++
	state.on = true
	table["a"] = 1
	*ptr = 4
	count += 5
	for _, table["b"] = range []int{1} {
	}
	Count = 6
}
