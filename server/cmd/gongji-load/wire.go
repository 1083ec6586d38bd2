package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
)

// wireConn is one keep-alive HTTP/1.1 connection that posts pushes and reads their answers
// with no goroutines and no allocation of its own: net/http's client costs the load tool
// two goroutines a connection and about 50 us of CPU a push, on the two cores the server
// runs on (issue 23). Only what `gongji serve` answers is read: a status line, headers,
// then a body by Content-Length or chunked.
type wireConn struct {
	c    net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	head []byte // the request line and headers up to Content-Length's value
}

func dialWire(base, path, token string) (*wireConn, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		return nil, err
	}
	head := fmt.Appendf(nil, "POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: ", path, u.Host, token)
	return &wireConn{c: c, r: bufio.NewReaderSize(c, 16<<10), w: bufio.NewWriterSize(c, 16<<10), head: head}, nil
}

// post sends body and reads the answer into *answer (reused); it returns the status.
func (wc *wireConn) post(body []byte, answer *[]byte) (int, error) {
	wc.w.Write(wc.head)
	var n [20]byte
	wc.w.Write(strconv.AppendInt(n[:0], int64(len(body)), 10))
	wc.w.WriteString("\r\n\r\n")
	wc.w.Write(body)
	if err := wc.w.Flush(); err != nil {
		return 0, err
	}
	line, err := wc.r.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, fmt.Errorf("status line %q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, fmt.Errorf("status line %q", line)
	}
	length, chunked := -1, false
	for {
		line, err := wc.r.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return 0, fmt.Errorf("content-length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		}
	}
	*answer = (*answer)[:0]
	switch {
	case chunked:
		for {
			line, err := wc.r.ReadSlice('\n')
			if err != nil {
				return 0, err
			}
			size, err := strconv.ParseInt(string(bytes.TrimRight(line, "\r\n")), 16, 64)
			if err != nil {
				return 0, fmt.Errorf("chunk size %q", line)
			}
			if size == 0 {
				if _, err := wc.r.ReadSlice('\n'); err != nil { // the empty trailer
					return 0, err
				}
				return status, nil
			}
			if *answer, err = readN(wc.r, *answer, int(size)+2); err != nil { // the chunk and its CRLF
				return 0, err
			}
			*answer = (*answer)[:len(*answer)-2]
		}
	case length >= 0:
		*answer, err = readN(wc.r, *answer, length)
		return status, err
	}
	return 0, fmt.Errorf("an answer without Content-Length or chunks")
}

func readN(r io.Reader, b []byte, n int) ([]byte, error) {
	start := len(b)
	b = append(b, make([]byte, n)...)
	_, err := io.ReadFull(r, b[start:])
	return b, err
}

func (wc *wireConn) close() { wc.c.Close() }
