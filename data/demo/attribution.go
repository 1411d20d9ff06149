package demo

import (
	"net/url"
	"strings"
)

// WikinewsLicence is the licence the demo corpus's Wikinews stories carry.
const WikinewsLicence = "https://creativecommons.org/licenses/by/2.5/"

// FromWikinews reports whether a story's URL is on wikinews.org, whose
// CC BY 2.5 licence asks every page showing the story to credit it.
func FromWikinews(storyURL string) bool {
	u, err := url.Parse(storyURL)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return h == "wikinews.org" || strings.HasSuffix(h, ".wikinews.org")
}

// Attribution is the credit line a story's licence asks for, or "" when
// it asks for none.
func Attribution(storyURL string) string {
	if !FromWikinews(storyURL) {
		return ""
	}
	return "From Wikinews, CC BY 2.5 (" + WikinewsLicence + "): " + storyURL
}
