package dictflate

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

const testDict = `{"seq":1,"device":"d","mutation":{"client_id":"c","name":"settle","args":{"patient":"mom","bill":{"total":"12.34"}}},"outcome":{"status":"confirmed","rules":["S1","S4"]}}`

// inflate reads a stream back with compress/flate, the reader every stored record meets.
func inflate(t testing.TB, dict, stream []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(flate.NewReaderDict(bytes.NewReader(stream), dict))
	if err != nil {
		t.Fatalf("compress/flate cannot read the stream: %v", err)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 70000)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	tests := []struct {
		name string
		dict string
		text string
	}{
		{"empty text", testDict, ""},
		{"one byte", testDict, "x"},
		{"all in the dictionary", testDict, testDict},
		{"a record", testDict, `[{"seq":7,"device":"d","mutation":{"client_id":"c","name":"settle","args":{"patient":"dad","bill":{"total":"99.10"}}},"outcome":{"status":"confirmed","rules":["S1","S4"]}}]`},
		{"chinese", testDict, `{"name":"王秀英","place":"湖南省衡阳市衡东县","note":"王秀英王秀英王秀英"}`},
		{"runs longer than 258", testDict, strings.Repeat("a", 1000) + strings.Repeat("ab", 700)},
		{"every byte value", "", string(random[:256])},
		{"no dictionary", "", strings.Repeat(`{"k":"v"},`, 500)},
		{"random beyond the window", testDict, string(random)},
		{"repeats farther than 32 KB", testDict, string(random[:40000]) + string(random[:300])},
		{"dictionary longer than the window", strings.Repeat("q", 40000) + testDict, testDict + "q"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEncoder([]byte(tt.dict))
			stream := e.Append(nil, []byte(tt.text))
			dict := []byte(tt.dict)
			if got := inflate(t, dict, stream); string(got) != tt.text {
				t.Fatalf("round trip: got %d bytes, want %d", len(got), len(tt.text))
			}
			if tt.name == "all in the dictionary" && len(stream) > 8 {
				t.Errorf("a text that is the dictionary takes %d bytes, want a few", len(stream))
			}
		})
	}
}

// TestAppendKeepsDst: the stream is appended after what dst held.
func TestAppendKeepsDst(t *testing.T) {
	e := NewEncoder([]byte(testDict))
	out := e.Append([]byte("head"), []byte("text"))
	if !bytes.HasPrefix(out, []byte("head")) || string(inflate(t, []byte(testDict), out[4:])) != "text" {
		t.Fatalf("Append lost dst or wrote a bad stream: %q", out)
	}
}

// FuzzRoundTrip: whatever the dictionary and text, compress/flate reads back the text.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte(testDict), []byte(testDict[10:80]+"xyz"+testDict[:40]))
	f.Add([]byte(""), []byte("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
	f.Add([]byte("abcabcabc"), []byte{0, 255, 144, 143, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, dict, text []byte) {
		e := NewEncoder(dict)
		stream := e.Append(nil, text)
		if len(dict) > maxDist {
			dict = dict[len(dict)-maxDist:]
		}
		if got := inflate(t, dict, stream); !bytes.Equal(got, text) {
			t.Fatalf("round trip of %d bytes against a %d-byte dictionary: got %d bytes", len(text), len(dict), len(got))
		}
	})
}

// BenchmarkAppend against compress/flate with the same dictionary (compare in one run).
func BenchmarkAppend(b *testing.B) {
	dict := []byte(strings.Repeat(testDict, 20))
	text := []byte(strings.ReplaceAll(testDict, "mom", "dad") + testDict[40:])
	b.Run("dictflate", func(b *testing.B) {
		e := NewEncoder(dict)
		var out []byte
		for b.Loop() {
			out = e.Append(out[:0], text)
		}
		b.ReportMetric(float64(len(out)), "bytes")
	})
	b.Run("compress/flate", func(b *testing.B) {
		var buf bytes.Buffer
		w, _ := flate.NewWriterDict(&buf, 6, dict)
		for b.Loop() {
			buf.Reset()
			w.Reset(&buf)
			_, _ = w.Write(text)
			_ = w.Close()
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	})
}
