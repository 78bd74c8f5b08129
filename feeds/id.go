package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
)

// ItemID returns the article id of the feed item whose link is link: the first 16 hex digits
// of the SHA-256 of the canonical form of the link (scheme and host in lower case, no default
// port, no fragment, no utm_* tracking parameters, "/" for an empty path). An item is known by
// its link, before its page is fetched, so that an item already stored is not fetched again.
func ItemID(link string) string {
	sum := sha256.Sum256([]byte(Canonical(link)))
	return hex.EncodeToString(sum[:8])
}

// Canonical returns the canonical form of the address link that [ItemID] hashes; a link that
// cannot be parsed is returned trimmed.
func Canonical(link string) string {
	link = strings.TrimSpace(link)
	u, err := url.Parse(link)
	if err != nil || !u.IsAbs() {
		return link
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if port := u.Port(); u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443" {
		u.Host = strings.TrimSuffix(u.Host, ":"+port)
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.Opaque == "" {
		u.Path, u.RawPath = "/", ""
	}
	if u.RawQuery != "" {
		var kept []string
		for p := range strings.SplitSeq(u.RawQuery, "&") {
			name, _, _ := strings.Cut(p, "=")
			if p == "" || strings.HasPrefix(strings.ToLower(name), "utm_") {
				continue
			}
			kept = append(kept, p)
		}
		u.RawQuery = strings.Join(kept, "&")
		u.ForceQuery = false
	}
	return u.String()
}
