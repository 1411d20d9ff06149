package ingest

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"

	"github.com/dyadnews/dyad"
)

// fetch downloads a page and extracts its story. The timeout covers the
// whole exchange, body included; a page must answer 200 with an HTML or
// text type (or none, and then the content is sniffed) within MaxBytes.
func fetch(ctx context.Context, url string, opts Options) (*dyad.Article, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
	resp, err := opts.HTTPClient.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("fetch: no complete answer within %v: %w", opts.Timeout, context.DeadlineExceeded)
		}
		return nil, fmt.Errorf("fetch: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %s", ErrHTTPStatus, resp.Status)
	}
	contentType := resp.Header.Get("Content-Type")
	if contentType != "" {
		mt, _, err := mime.ParseMediaType(contentType)
		if err != nil || (mt != "text/html" && mt != "application/xhtml+xml" && mt != "text/plain") {
			return nil, fmt.Errorf("%w: %q", ErrContentType, contentType)
		}
	}
	if resp.ContentLength > opts.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, resp.ContentLength, opts.MaxBytes)
	}
	raw, err := readCapped(resp.Body, opts.MaxBytes)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("fetch: body not complete within %v: %w", opts.Timeout, context.DeadlineExceeded)
		}
		return nil, err
	}
	doc, err := decode(raw, contentType)
	if err != nil {
		return nil, err
	}
	// After redirects the page's own address is the final one.
	return extract(doc, opts, resp.Request.URL.String())
}
