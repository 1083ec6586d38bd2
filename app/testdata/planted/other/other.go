package other

import "planted"

// another package assigns planted's variable
func assign() {
	planted.Count = 9
}
