package planted

// count is declared in planted.go
func two() {
	var x int
	count, x = 7, 8
	_ = x
}
