package dictflate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"
)

// stableSum is the SHA-256 of the streams of stableTexts as the encoder wrote them at
// main's edcf9f6: a stored record's bytes must not change when the encoder is made faster.
const stableSum = "977de6c5344783d490bd6fab5d423d308f77f88aa98d21ec35abb6a3b0539869"

// stableTexts are record-like texts: repeats of the dictionary's pieces with random numbers
// and names, some longer than the window, some empty.
func stableTexts() [][]byte {
	rng := rand.New(rand.NewPCG(7, 23))
	var texts [][]byte
	for i := range 300 {
		var b []byte
		for range rng.IntN(40) {
			switch rng.IntN(4) {
			case 0:
				b = append(b, testDict[rng.IntN(len(testDict)/2):]...)
			case 1:
				b = fmt.Appendf(b, `{"seq":%d,"total":"%d.%02d","name":"家%d"}`, rng.IntN(1e6), rng.IntN(1e4), rng.IntN(100), i)
			case 2:
				for range rng.IntN(300) {
					b = append(b, byte(rng.IntN(256)))
				}
			default:
				b = append(b, b[:rng.IntN(len(b)+1)]...)
			}
		}
		texts = append(texts, b)
	}
	big := make([]byte, 0, 100000)
	for len(big) < 90000 {
		big = fmt.Appendf(big, `{"seq":%d,"outcome":{"status":"confirmed"}}`, rng.IntN(1e4))
	}
	return append(texts, big, nil)
}

func TestStreamsStable(t *testing.T) {
	long := []byte(nil) // a dictionary past the window: matches meet maxDist
	for i := 0; len(long) < 40000; i++ {
		long = fmt.Appendf(long, `%s{"seq":%d}`, testDict[i%len(testDict):], i)
	}
	sum := sha256.New()
	for _, dict := range [][]byte{[]byte(testDict), long} {
		e := NewEncoder(dict)
		for _, text := range stableTexts() {
			sum.Write(e.Append(nil, text))
		}
	}
	if got := hex.EncodeToString(sum.Sum(nil)); got != stableSum {
		t.Fatalf("the streams' sum is %s, was %s: the encoder writes other bytes than before", got, stableSum)
	}
}
