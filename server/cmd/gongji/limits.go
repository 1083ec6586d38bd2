package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gongji/server/api"
)

// limitFlags declares the flags of api.Limits on fs (each with its GONGJI_* variable) and
// returns what reads them after fs.Parse.
func limitFlags(fs *flag.FlagSet) func() (*api.Limits, error) {
	d := api.DefaultLimits()
	changes := fs.Int("quota-changes", envInt("GONGJI_QUOTA_CHANGES", d.ChangesPerDay), "changes a family may store per day, UTC+8; 0: no limit (GONGJI_QUOTA_CHANGES)")
	bytesMB := fs.Int("quota-mb", envInt("GONGJI_QUOTA_MB", int(d.BytesPerDay>>20)), "MiB of mutations a family may store per day; 0: no limit (GONGJI_QUOTA_MB)")
	perDevice := fs.Int("streams-per-device", envInt("GONGJI_STREAMS_PER_DEVICE", d.StreamsPerDevice), "open event streams and long polls per device (GONGJI_STREAMS_PER_DEVICE)")
	total := fs.Int("streams", envInt("GONGJI_STREAMS", 0), "open event streams and long polls in total; 0: sized from the file limit (GONGJI_STREAMS)")
	families := fs.Int("families-per-hour", envInt("GONGJI_FAMILIES_PER_HOUR", 5), "families one address may create per hour; 0: no limit (GONGJI_FAMILIES_PER_HOUR)")
	joins := fs.Int("joins-per-hour", envInt("GONGJI_JOINS_PER_HOUR", 10), "join attempts per address and per code per hour; 0: no limit (GONGJI_JOINS_PER_HOUR)")
	ipHeader := fs.String("client-ip-header", os.Getenv("GONGJI_CLIENT_IP_HEADER"), "header with the client's address set by a trusted reverse proxy, e.g. X-Real-IP (GONGJI_CLIENT_IP_HEADER)")
	open := fs.Bool("open-signup", envBool("GONGJI_OPEN_SIGNUP", true), "anyone may create a family; false: only with the admin token or a signup code (GONGJI_OPEN_SIGNUP)")
	adminFile := fs.String("admin-token-file", os.Getenv("GONGJI_ADMIN_TOKEN_FILE"), "file holding the administrator's token (or GONGJI_ADMIN_TOKEN)")
	return func() (*api.Limits, error) {
		l := d
		l.ChangesPerDay, l.BytesPerDay, l.StreamsPerDevice = *changes, int64(*bytesMB)<<20, *perDevice
		l.FamiliesBurst, l.FamiliesEvery = perHour(*families)
		l.JoinBurst, l.JoinEvery = perHour(*joins)
		l.ClientIPHeader, l.ClosedSignup = *ipHeader, !*open
		l.AdminToken = os.Getenv("GONGJI_ADMIN_TOKEN")
		if *adminFile != "" {
			b, err := os.ReadFile(*adminFile)
			if err != nil {
				return nil, fmt.Errorf("-admin-token-file: %w", err)
			}
			l.AdminToken = strings.TrimSpace(string(b))
		}
		if l.AdminToken != "" && len(l.AdminToken) < 16 {
			return nil, fmt.Errorf("the admin token must have at least 16 characters")
		}
		l.StreamsTotal = *total
		if l.StreamsTotal == 0 {
			l.StreamsTotal = streamsFor(raiseFileLimit())
		}
		return &l, nil
	}
}

// perHour is a bucket of n that refills n an hour; 0 is no limit.
func perHour(n int) (int, time.Duration) {
	if n <= 0 {
		return 0, 0
	}
	return n, time.Hour / time.Duration(n)
}

// raiseFileLimit lifts the soft limit on open files to the hard limit (allowed without
// privileges) and returns the limit in force: every open stream holds a descriptor.
func raiseFileLimit() uint64 {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 1024
	}
	if l.Cur < l.Max {
		raised := l
		raised.Cur = l.Max
		if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised) == nil {
			l = raised
		}
	}
	return l.Cur
}

// streamsFor keeps a quarter of the descriptors (at least 64) for the database, backups,
// pushes and pulls, and lets streams have the rest, at most 100,000.
func streamsFor(fileLimit uint64) int {
	spare := max(fileLimit/4, 64)
	if fileLimit <= spare+16 {
		return 16
	}
	return int(min(fileLimit-spare, 100_000))
}

func envInt(name string, fallback int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return fallback
}

func envBool(name string, fallback bool) bool {
	if v, err := strconv.ParseBool(os.Getenv(name)); err == nil {
		return v
	}
	return fallback
}
