package buntstore

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	gosync "sync"

	"gongji/server/dictflate"
)

// Record format 3 stores a push's format-2 JSON deflated against a preset dictionary of the
// JSON that every change repeats (member names, mutation and message ids, source ids), then
// base64-encoded so that the stored value stays text. A settled bill's change shrinks from
// about 1.2 KB to under 200 bytes. The dictionary is part of the format: changing it is a new
// record version, never an edit. Any DEFLATE stream against the dictionary is a valid
// payload: records written with compress/flate level 6 and with dictflate read alike.

// dictionaryV3 is the preset dictionary of record format 3. Deflate finds matches best near
// the end of the dictionary, so the most common text comes last.
const dictionaryV3 = `{"v":3,"sum":"","changes":[{"seq":1,"device":"d","mutation":{"client_id":"c","mutation_id":1,"name":"add_person","at":"2026-03-02T10:00:01+08:00","args":{"id":"mom","name":"妈妈","region":"330100","insurance":"employee","status":"active","has_account":true,"account":"1000.00","wallet_open":true,"wallet":"0.00"}},"outcome":{"status":"confirmed","entries":[{"kind":"opening","postings":[{"account":{"kind":"account","owner":"mom"},"amount":"1000.00"},{"account":{"kind":"external","owner":"opening"},"amount":"-1000.00"}]}]}}]}` +
	`{"name":"link","args":{"person":"mom","of":"son","relation":"parent","card_linked":true}}` +
	`{"name":"bind","args":{"authorizer":"son","beneficiary":"mom","scopes":["medical","resident_premium"],"created":"2025-01-05"}},"outcome":{"status":"rejected","codes":["BENEFICIARY_OUT_OF_AREA","RELATION_NOT_ALLOWED"],"rules":["B1","B2","B3","B4"],"explanation":[{"rule":"B1","msg":"bind.authorizer_ok","args":[{"k":"person","v":"son"},{"k":"word","v":"active"}],"src":["gbf-2021-14","nhsa-qa-2024","sc-faq-2025-07-04"],"grade":"A/B"},{"rule":"B2","msg":"bind.beneficiary_ok","args":[{"k":"person","v":"mom"},{"k":"word","v":"resident"}]},{"rule":"B3","code":"RELATION_NOT_ALLOWED","msg":"bind.relation_ok","args":[{"k":"list","v":"spouse,parent,child,sibling,grandparent,grandchild"},{"k":"date","v":"2025-01-05"}],"src":["gbf-2024-38","nhsa-2024-12-26"]},{"rule":"B4","code":"BENEFICIARY_OUT_OF_AREA","msg":"bind.out_of_area","args":[{"k":"region","v":"440106"},{"k":"word","v":"same_province"}],"src":["nhsa-2024-11-26","nhsa-2024-10-29"],"grade":"B"},{"rule":"B3","msg":"next.wallet","args":[{"k":"province","v":"430424"},{"k":"word","v":"wallet_on"}]},{"rule":"B1-B8","msg":"bind.allowed","args":[{"k":"list","v":"medical"}]}]}}` +
	`{"name":"wallet_transfer","args":{"from":"son","to":"mom","amount":"200.00","source":"account"}},"outcome":{"status":"confirmed","rules":["W10"],"entries":[{"kind":"wallet_transfer","postings":[{"account":{"kind":"pending","owner":"t1"},"amount":"200.00"}]}],"explanation":[{"rule":"W10","msg":"wallet.sent","args":[{"k":"time","v":"2025-10-13T06:00:00+08:00"}],"src":["wallet-ytwb-2025-09-18"],"grade":"B/C"}]}}` +
	`{"name":"pay_premium","args":{"insured":"mom","premium":"resident","amount":"400.00"}}{"name":"wallet_accept","args":{"transfer":"t1"}}{"name":"revoke","args":{"binding":"b1"}}` +
	`{"seq":2,"device":"d","mutation":{"client_id":"c","mutation_id":2,"name":"settle","at":"2026-03-02T10:00:02+08:00","args":{"patient":"mom","card_holder":"mom","institution":{"region":"330100","kind":"pharmacy","designated":true,"wallet":true},"bill":{"total":"12.34","fund":"0.00","policy_self_pay":"12.34","full_self_pay":"0.00","category":"drug"}}},"outcome":{"status":"confirmed","rules":["S1","S4","S5"],"ruleset":"v2-c15dd0d135c1","split":{"lines":[{"payer":"mom","source":"own","amount":"12.34"},{"payer":"son","source":"mutual_aid","binding":"b1","amount":"12.34","claimable_elsewhere":false}],"cash":"0.00"},"entries":[{"kind":"settle","postings":[{"account":{"kind":"account","owner":"mom"},"amount":"-12.34"},{"account":{"kind":"wallet","owner":"mom"},"amount":"-12.34"},{"account":{"kind":"external","owner":"settle"},"amount":"12.34"}]}],"explanation":[{"rule":"S1","msg":"settle.eligible","args":[{"k":"amount","v":"12.34"},{"k":"word","v":"policy_self_pay"}],"src":["gbf-2021-14"],"grade":"U","unverified":true},{"rule":"S5","msg":"pay.authorizer","args":[{"k":"person","v":"son"},{"k":"binding","v":"b1"},{"k":"amount","v":"1000.00"},{"k":"amount","v":"12.34"}],"src":["nhsa-qa-2024","sz-bendibao-163","sz-bendibao-635961"],"grade":"B"},{"rule":"S4","msg":"pay.own","args":[{"k":"person","v":"mom"},{"k":"amount","v":"1000.00"},{"k":"amount","v":"12.34"}],"src":["nhsa-qa-2024","sz-bendibao-163","sz-bendibao-635961"],"grade":"B"},{"rule":"S5","msg":"pay.cash","args":[{"k":"amount","v":"12.34"},{"k":"amount","v":"0.00"}],"src":["nhsa-qa-2024","sz-bendibao-163","sz-bendibao-635961"],"grade":"B"}]}}]}`

// recordEncoder writes format-3 payloads: dictflate hashes dictionaryV3 once, where
// compress/flate would clear its tables and rehash the dictionary for every record.
var (
	recordEncoder = dictflate.NewEncoder([]byte(dictionaryV3))
	inflaters     = gosync.Pool{New: func() any { return flate.NewReaderDict(bytes.NewReader(nil), []byte(dictionaryV3)) }}
)

func quotedBase64(raw []byte) string {
	b := make([]byte, base64.RawStdEncoding.EncodedLen(len(raw))+2)
	b[0], b[len(b)-1] = '"', '"'
	base64.RawStdEncoding.Encode(b[1:len(b)-1], raw)
	return string(b)
}

// inflateV3 reads a format-3 payload (encodeRecord): base64 in quotes of the JSON deflated
// against dictionaryV3.
func inflateV3(payload string) (string, error) {
	text, ok := strings.CutPrefix(payload, `"`)
	if text, ok = strings.CutSuffix(text, `"`); !ok {
		return "", fmt.Errorf("format 3 payload is not a quoted string")
	}
	raw, err := base64.RawStdEncoding.DecodeString(text)
	if err != nil {
		return "", fmt.Errorf("format 3 payload: %w", err)
	}
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(raw), []byte(dictionaryV3)); err != nil {
		return "", err
	}
	out, err := io.ReadAll(io.LimitReader(r, maxInflatedBytes+1))
	if err != nil {
		return "", fmt.Errorf("format 3 payload: %w", err)
	}
	if len(out) > maxInflatedBytes {
		return "", fmt.Errorf("format 3 payload inflates beyond %d bytes", maxInflatedBytes)
	}
	return string(out), nil
}

// maxInflatedBytes bounds what one record may inflate to: far above the largest push the API
// accepts, so only a damaged record can reach it.
const maxInflatedBytes = 64 << 20

// snapshotDeflaters compress snapshots: large and repetitive on their own, they need no
// dictionary, and they are written once per snapshotEvery changes. BestSpeed: on a 52 KB
// snapshot it is 2.5 times faster than level 6 for the same size (3.68 KB against 3.68 KB).
var snapshotDeflaters = gosync.Pool{New: func() any {
	w, err := flate.NewWriter(io.Discard, flate.BestSpeed)
	if err != nil {
		panic(err) // only for a bad level, a constant
	}
	return w
}}

// storedBelow: a snapshot shorter than this is written as one stored DEFLATE block (the
// same format, read by the same inflater): building Huffman codes for a new family's few
// hundred bytes was most of what letting it go cold cost (issue 23: a million families).
const storedBelow = 1024

// deflateSnapshot is a snapshot's JSON deflated, base64 in quotes.
func deflateSnapshot(text []byte) string {
	if len(text) < storedBelow {
		// BFINAL=1, BTYPE=00 (stored), then LEN and its complement, little endian.
		b := make([]byte, 0, 5+len(text))
		b = append(b, 1, byte(len(text)), byte(len(text)>>8), ^byte(len(text)), ^byte(len(text)>>8))
		return quotedBase64(append(b, text...))
	}
	b := bytes.NewBuffer(make([]byte, 0, len(text)/8)) // snapshots deflate to about a tenth
	w := snapshotDeflaters.Get().(*flate.Writer)
	defer snapshotDeflaters.Put(w)
	w.Reset(b)
	_, _ = w.Write(text)
	_ = w.Close()
	return quotedBase64(b.Bytes())
}

var snapshotInflaters = gosync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}

// inflateSnapshot reverses deflateSnapshot.
func inflateSnapshot(quoted string) (string, error) {
	text, ok := strings.CutPrefix(quoted, `"`)
	if text, ok = strings.CutSuffix(text, `"`); !ok {
		return "", fmt.Errorf("snapshot payload is not a quoted string")
	}
	raw, err := base64.RawStdEncoding.DecodeString(text)
	if err != nil {
		return "", err
	}
	// A reader is 43 KB (its 32 KB window): one for each cold family's warm-up was a third of
	// every byte a filling server allocated (issue 23), so they are kept.
	r := snapshotInflaters.Get().(io.ReadCloser)
	defer snapshotInflaters.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(raw), nil); err != nil {
		return "", err
	}
	b := bytes.NewBuffer(make([]byte, 0, 12*len(raw))) // snapshots deflate to about a tenth
	_, err = b.ReadFrom(io.LimitReader(r, maxInflatedBytes+1))
	out := b.Bytes()
	if err != nil {
		return "", err
	}
	if len(out) > maxInflatedBytes {
		return "", fmt.Errorf("snapshot inflates beyond %d bytes", maxInflatedBytes)
	}
	return string(out), nil
}
