package family

import "testing"

func TestNameKey(t *testing.T) {
	same := []struct{ name, a, b string }{
		{"trimmed", "王秀英", "  王秀英\t"},
		{"ideographic space", "王 秀英", "王\u3000秀英"},
		{"zero-width space", "王秀英", "王秀英\u200b"},
		{"joiner and BOM", "李明", "\ufeff李\u200d明"},
		{"full-width letters", "Li Ming", "Ｌｉ　Ｍｉｎｇ"},
		{"full-width digits", "王秀英2", "王秀英２"},
		{"runs of spaces", "Li Ming", "Li   Ming"},
	}
	for _, c := range same {
		t.Run(c.name, func(t *testing.T) {
			if NameKey(c.a) != NameKey(c.b) {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want the same", c.a, NameKey(c.a), c.b, NameKey(c.b))
			}
		})
	}
	differ := []struct{ name, a, b string }{
		{"other name", "王秀英", "王秀芳"},
		{"case kept", "li ming", "Li Ming"},
		{"space inside kept", "LiMing", "Li Ming"},
	}
	for _, c := range differ {
		t.Run(c.name, func(t *testing.T) {
			if NameKey(c.a) == NameKey(c.b) {
				t.Errorf("NameKey(%q) = NameKey(%q) = %q: want them apart", c.a, c.b, NameKey(c.a))
			}
		})
	}
}
