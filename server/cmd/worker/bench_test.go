//go:build !(js && wasm)

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sort"
	"testing"
	"time"

	"gongji/server/workertest"
	"gongji/shared/family"
	"gongji/shared/mutation"
	"gongji/shared/syncwire"
)

// BenchmarkWorkerPush measures durable pushes through wrangler dev (one credit mutation per
// push, one family) and reports p50 and p99 latency and the family object's Go heap:
//
//	make worker && GONGJI_WORKER_TEST=1 go test -run '^$' -bench WorkerPush -benchtime 300x ./server/cmd/worker
func BenchmarkWorkerPush(b *testing.B) {
	if os.Getenv("GONGJI_WORKER_TEST") == "" {
		b.Skip("set GONGJI_WORKER_TEST=1 and run make worker first")
	}
	base := workertest.Start(b)
	fam, token := createFamily(b, base)
	push(b, base, fam, token, 1, mutation.AddPerson, mutation.PersonArgs{ID: "A", Name: "甲", Region: "130100",
		Insurance: family.Employee, Status: family.Active, Account: 100})
	latencies := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		push(b, base, fam, token, int64(i+2), mutation.Credit, mutation.CreditArgs{Person: "A", Account: mutation.PersonalAccount, Amount: 1})
		latencies = append(latencies, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	ms := func(q float64) float64 {
		return float64(latencies[int(q*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	var mem struct {
		HeapAlloc int64 `json:"heap_alloc"`
		HeapInuse int64 `json:"heap_inuse"`
		Sys       int64 `json:"sys"`
	}
	resp, err := http.Get(base + "/api/v1/families/" + fam + "/memory")
	if err == nil {
		json.NewDecoder(resp.Body).Decode(&mem)
		resp.Body.Close()
	}
	b.ReportMetric(float64(mem.HeapInuse)/1e6, "go-heap-MB")
	b.ReportMetric(float64(mem.Sys)/1e6, "go-sys-MB")
}

func createFamily(b *testing.B, base string) (string, string) {
	resp, err := http.Post(base+"/api/v1/families", "application/json", bytes.NewBufferString(`{"name":"bench","device":"bench"}`))
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var c struct{ Family, Token string }
	if err := json.NewDecoder(resp.Body).Decode(&c); err != nil || resp.StatusCode != http.StatusCreated {
		b.Fatalf("create family: %d %v", resp.StatusCode, err)
	}
	return c.Family, c.Token
}

func push(b *testing.B, base, fam, token string, id int64, name mutation.Name, args any) {
	data, _ := json.Marshal(args)
	body, _ := json.Marshal(syncwire.PushRequest{Mutations: []syncwire.Mutation{{ClientID: "bench", MutationID: id, Name: name,
		At: time.Date(2025, 6, 1, 2, 0, 0, 0, time.UTC), Args: data}}})
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/families/%s/push", base, fam), bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("push %d: %d", id, resp.StatusCode)
	}
}
