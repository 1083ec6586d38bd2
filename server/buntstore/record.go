package buntstore

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
	gosync "sync"

	"gongji/shared/strictjson"
	"gongji/shared/syncwire"
)

// LogVersion is the newest log record format this build writes and reads. A record carries
// its version in an envelope that is read apart from the payload, so a change of the
// payload bumps LogVersion and adds a decoder to payloadDecoders; the envelope stays.
//
//	1  {"changes":[syncwire.Change...]}                    main until 2026-12: no version, no sum,
//	                                                   Go field names, money in fen
//	2  {"v":2,"sum":"<crc32c hex>","changes":[...]}    syncwire.FormatVersion 2: snake_case, money
//	                                                   "12.34", explanations as structure
//	3  {"v":3,"sum":"<crc32c hex>","changes":"<b64>"}  format 2 deflated against dictionaryV3
const LogVersion = 3

// payloadDecoders turn a record's payload into changes, by format version.
var payloadDecoders = map[int]func(payload string) ([]syncwire.Change, error){
	1: decodeV1,
	2: decodeV2,
	3: decodeV3,
}

// decodeV3 inflates a format-3 payload and reads it as format 2.
func decodeV3(payload string) ([]syncwire.Change, error) {
	text, err := inflateV3(payload)
	if err != nil {
		return nil, err
	}
	return decodeV2(text)
}

// decodeV1 upgrades a version-1 payload (syncwire.UpgradeV1) and reads it.
func decodeV1(payload string) ([]syncwire.Change, error) {
	up, err := syncwire.UpgradeV1([]byte(payload))
	if err != nil {
		return nil, err
	}
	return decodeV2(string(up))
}

func decodeV2(payload string) ([]syncwire.Change, error) {
	var changes []syncwire.Change
	if err := unmarshalRecord(payload, &changes); err != nil {
		return nil, err
	}
	return changes, nil
}

// unmarshalRecord reads a stored JSON value into v: strictjson's check of a record first (one
// value, no key twice, valid UTF-8: issue 18), so that what is read is what every reader of
// the file reads.
func unmarshalRecord(text string, v any) error {
	b := []byte(text)
	if err := strictjson.Check(b, strictjson.Record); err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// castagnoli is CRC-32C: hardware-assisted on amd64 and arm64, so every record can be
// checked at every start.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Prefixes of a record's envelope, written byte for byte, so that start-up checks a record's
// version and sum without decoding its JSON.
const (
	envV      = `{"v":`
	envSum    = `,"sum":"`
	envChange = `","changes":`
	envLegacy = `{"changes":`
)

// encodeRecord is the stored value of one push: its changes in the current format, with
// the version and the CRC-32C of the payload.
func encodeRecord(changes []syncwire.Change) string {
	rb := recordBufs.Get().(*recordBuf)
	defer recordBufs.Put(rb)
	rb.json = syncwire.AppendChangesJSON(rb.json[:0], changes)
	rb.raw = recordEncoder.Append(rb.raw[:0], rb.json)
	out := make([]byte, 0, 48+base64.RawStdEncoding.EncodedLen(len(rb.raw)))
	out = append(out, envV...)
	out = strconv.AppendInt(out, LogVersion, 10)
	out = append(out, envSum...)
	sumAt := len(out)
	out = append(out, "00000000"...)
	out = append(out, envChange...)
	payloadAt := len(out)
	out = append(out, '"')
	out = base64.RawStdEncoding.AppendEncode(out, rb.raw)
	out = append(out, '"')
	hex.Encode(out[sumAt:sumAt+8], binary.BigEndian.AppendUint32(nil, crc32.Checksum(out[payloadAt:], castagnoli)))
	return string(append(out, '}'))
}

// recordBufs hold a record's JSON and its deflated bytes while it is encoded.
var recordBufs = gosync.Pool{New: func() any { return new(recordBuf) }}

type recordBuf struct{ json, raw []byte }

// envelope is a record's version and payload, the sum checked.
type envelope struct {
	version int
	payload string
}

// Sentinel errors of damaged records.
var (
	// ErrDamaged: a stored record cannot be read or redone; the store refuses to open.
	ErrDamaged = errors.New("damaged record")
	// ErrNewerFormat: a record was written by a newer gongji; this build must not touch it.
	ErrNewerFormat = errors.New("record written by a newer gongji")
)

// openEnvelope checks a record's framing, version and sum. Records without a version are
// format 1 (and have no sum: a damaged one is found only if its JSON breaks).
func openEnvelope(v string) (envelope, error) {
	if rest, ok := strings.CutPrefix(v, envLegacy); ok && strings.HasSuffix(rest, "}") {
		return envelope{version: 1, payload: rest[:len(rest)-1]}, nil
	}
	rest, ok := strings.CutPrefix(v, envV)
	verText, rest, ok2 := strings.Cut(rest, envSum)
	if !ok || !ok2 || len(rest) < 8+len(envChange)+1 || !strings.HasSuffix(rest, "}") {
		return envelope{}, fmt.Errorf("%w: not a log record envelope", ErrDamaged)
	}
	version, err := strconv.Atoi(verText)
	if err != nil || version < 1 {
		return envelope{}, fmt.Errorf("%w: format version %q", ErrDamaged, verText)
	}
	if version > LogVersion {
		return envelope{}, fmt.Errorf("%w: format %d, this build reads formats 1 to %d", ErrNewerFormat, version, LogVersion)
	}
	sumText := rest[:8]
	payload, ok := strings.CutPrefix(rest[8:len(rest)-1], envChange)
	if !ok {
		return envelope{}, fmt.Errorf("%w: not a log record envelope", ErrDamaged)
	}
	want, err := strconv.ParseUint(sumText, 16, 32)
	if err != nil {
		return envelope{}, fmt.Errorf("%w: sum %q", ErrDamaged, sumText)
	}
	if got := crc32.Checksum([]byte(payload), castagnoli); got != uint32(want) {
		return envelope{}, fmt.Errorf("%w: checksum %08x, the record says %s (changed on disk)", ErrDamaged, got, sumText)
	}
	return envelope{version: version, payload: payload}, nil
}

// decodeRecord opens a record stored under the key of lastSeq and decodes its changes.
func decodeRecord(lastSeq int64, v string) ([]syncwire.Change, error) {
	env, err := openEnvelope(v)
	if err != nil {
		return nil, err
	}
	changes, err := payloadDecoders[env.version](env.payload)
	if err != nil {
		return nil, fmt.Errorf("%w: format %d payload: %v", ErrDamaged, env.version, err)
	}
	if len(changes) == 0 || changes[len(changes)-1].Seq != lastSeq {
		return nil, fmt.Errorf("%w: the key says last seq %d, the record does not end there", ErrDamaged, lastSeq)
	}
	return changes, nil
}

// Damage is one record that cannot be read or redone.
type Damage struct {
	Family string
	Key    string
	Seq    int64 // the last seq of the record (from its key); 0 for a family's other keys
	Err    error
}

func (d Damage) String() string {
	if d.Seq > 0 {
		return fmt.Sprintf("family %s, log record %s (seq %d): %v", d.Family, d.Key, d.Seq, d.Err)
	}
	return fmt.Sprintf("family %s, key %s: %v", d.Family, d.Key, d.Err)
}

// DamageError stops a start: the records listed (the first of each family) cannot be read or
// redone. The file was not changed.
type DamageError struct {
	Dir     string
	Damages []Damage
}

func (e *DamageError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d damaged record(s) in %s, nothing was changed:", len(e.Damages), e.Dir)
	for _, d := range e.Damages {
		b.WriteString("\n  " + d.String())
	}
	fmt.Fprintf(&b, "\nrun `gongji repair -data %s` (server stopped) to see what each repair would remove", e.Dir)
	for _, d := range e.Damages {
		if errors.Is(d.Err, ErrNewerFormat) {
			b.WriteString("\nrecords of a newer format: run the newer gongji that wrote them instead of repairing")
			break
		}
	}
	return b.String()
}

// Unwrap lets errors.Is find ErrDamaged and ErrNewerFormat.
func (e *DamageError) Unwrap() []error {
	out := []error{ErrDamaged}
	for _, d := range e.Damages {
		out = append(out, d.Err)
	}
	return out
}
