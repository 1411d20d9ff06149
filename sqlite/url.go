package sqlite

import (
	"net/url"
	"sort"
	"strings"
)

// CanonicalURL returns the form of raw under which a story is stored once:
// scheme and host lowercased, default port, fragment, trailing slash and
// tracking parameters (utm_*, fbclid, gclid) removed, remaining query
// parameters sorted. It returns "" for an empty or unparsable URL, or one
// without a host, which then takes no part in duplicate detection.
func CanonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		u.Host = u.Hostname()
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	if u.RawQuery != "" {
		params := strings.Split(u.RawQuery, "&")
		kept := params[:0]
		for _, p := range params {
			name, _, _ := strings.Cut(p, "=")
			name = strings.ToLower(name)
			if p == "" || strings.HasPrefix(name, "utm_") || name == "fbclid" || name == "gclid" {
				continue
			}
			kept = append(kept, p)
		}
		sort.Strings(kept)
		u.RawQuery = strings.Join(kept, "&")
	}
	u.ForceQuery = false
	return u.String()
}
