package clean

import (
	"sort"
	"strings"
)

// Rule names reported in Removal.Rule. See docs/cleaning.md.
const (
	RuleWidget     = "widget"     // share/print/comment buttons, "Advertisement", skip links
	RuleLinkList   = "link-list"  // "Read more: ...", "Related stories" blocks
	RuleNewsletter = "newsletter" // newsletter, subscription and log-in prompts
	RuleCopyright  = "copyright"  // copyright and rights-reserved lines
	RuleFooter     = "footer"     // footer links: terms, privacy policy, contact
	RuleSignoff    = "signoff"    // wire credits "(Reporting by ...)", newsroom contacts
	RuleMedia      = "media"      // photo/video captions, credits and player notices
	RuleSocial     = "social"     // "Follow us on ...", comment prompts
	RuleCookie     = "cookie"     // cookie and consent notices
	RuleBreadcrumb = "breadcrumb" // "Home > World > Europe"
	RuleTags       = "tags"       // "Tags: ...", "Topics: ..."
	RuleStamp      = "stamp"      // "Updated: ...", "Published ...", "3 hours ago"
)

const (
	// maxChromeLen is the longest line any rule can remove. Longer lines
	// are story text and are never classified.
	maxChromeLen = 600
	// maxTokenLine is the longest line the widget tokeniser looks at.
	maxTokenLine = 200
	// maxExact is the longest key looked up in exactRules.
	maxExact = 64
	// maxRunItems bounds how many headline lines a link-list header removes.
	maxRunItems = 15
)

// classify decides whether a whole (normalised, non-blank) line is chrome.
// It returns the rule name, or "" to keep the line. header reports a
// link-list header ("Related stories"), which also removes the run of
// headline lines after it. classify depends on the line alone, which keeps
// Body idempotent.
func classify(line string) (rule string, header bool) {
	n := len(line)
	if n == 0 || n > maxChromeLen {
		return "", false
	}

	// 1. Whole-line phrases, mostly link-list headers.
	key := trimJunk(line)
	if key == "" {
		return "", false // separators such as "***" are kept
	}
	if len(key) <= maxExact {
		var buf [maxExact]byte
		for i := 0; i < len(key); i++ {
			buf[i] = lowerByte(key[i])
		}
		if e, ok := exactRules[string(buf[:len(key)])]; ok {
			return e.rule, e.header
		}
	}

	// 2. Shapes recognised by their first byte.
	switch c := line[0]; {
	case c == '(' || c == '[':
		if r := bracketRule(line); r != "" {
			return r, false
		}
	case c == '-':
		if contactLine(line) {
			return RuleSignoff, false
		}
	case c == 0xC2: // "©" is C2 A9
		if strings.HasPrefix(line, "©") && n <= 300 {
			return RuleCopyright, false
		}
	case isDigit(c):
		if agoLine(line) {
			return RuleStamp, false
		}
	}

	// 3. Prefix rules, dispatched on the first byte.
	if body := trimLeadJunk(line); len(body) >= 2 {
		rules := prefixTable[prefixKey{lowerByte(body[0]), lowerByte(body[1])}]
		for i := range rules {
			r := &rules[i]
			if n > r.max || !hasPrefixFold(body, r.prefix) {
				continue
			}
			rest := body[len(r.prefix):]
			if isAlnum(r.prefix[len(r.prefix)-1]) && rest != "" && isAlnum(rest[0]) {
				continue // "Subscribers ..." does not start with "subscribe"
			}
			if r.check == nil || r.check(body, rest) {
				return r.rule, r.header
			}
		}
	}

	// 4. Lines made only of button labels.
	if n <= maxTokenLine {
		if r := tokenRule(line); r != "" {
			return r, false
		}
	}

	// 5. Other shapes.
	if n <= 160 && hasSuffixFold(strings.TrimRight(line, ". "), "all rights reserved") {
		return RuleCopyright, false
	}
	if n <= 150 && breadcrumb(line) {
		return RuleBreadcrumb, false
	}
	if n <= 100 && dateLine(line) {
		return RuleStamp, false
	}
	if n <= 300 && contributorLine(line) {
		return RuleSignoff, false
	}
	return "", false
}

// isJunkByte reports bytes that decorate chrome lines: bullets, arrows,
// pipes, quotes, trailing colons.
func isJunkByte(c byte) bool {
	switch c {
	case ' ', '"', '\'', '>', '<', '|', '*', ':', '.', '!', '-', '#', '+', '=', '~':
		return true
	}
	return false
}

var junkRunes = []string{"•", "·", "›", "‹", "▶", "►", "▸", "→", "»", "«"}

func trimJunk(s string) string {
	s = trimLeadJunk(s)
	for len(s) > 0 {
		if isJunkByte(s[len(s)-1]) {
			s = s[:len(s)-1]
			continue
		}
		if s[len(s)-1] >= 0x80 {
			trimmed := false
			for _, j := range junkRunes {
				if strings.HasSuffix(s, j) {
					s = s[:len(s)-len(j)]
					trimmed = true
					break
				}
			}
			if trimmed {
				continue
			}
		}
		break
	}
	return s
}

// trimLeadJunk removes leading bullets and quote marks, but not '-', '('
// or '[' which start sign-off lines.
func trimLeadJunk(s string) string {
	for len(s) > 0 {
		switch s[0] {
		case ' ', '"', '>', '|', '*', '#':
			s = s[1:]
			continue
		}
		if s[0] >= 0x80 {
			trimmed := false
			for _, j := range junkRunes {
				if strings.HasPrefix(s, j) {
					s = s[len(j):]
					trimmed = true
					break
				}
			}
			if trimmed {
				continue
			}
		}
		break
	}
	return s
}

// ---------------------------------------------------------------------------
// Exact lines

type exactRule struct {
	rule   string
	header bool
}

// linkHeaders introduce a block of headline links ("Related stories").
var linkHeaders = []string{
	"related", "related stories", "related story", "related articles",
	"related article", "related content", "related coverage", "related news",
	"related links", "related reading", "related video", "related videos",
	"more stories", "more news", "more on this story", "more top stories",
	"more headlines", "top stories", "top headlines", "most popular",
	"most read", "most viewed", "most shared", "most watched",
	"most commented", "popular now", "popular stories",
	"trending", "trending now", "trending stories", "you may also like",
	"you might also like", "you may like", "you may also be interested in",
	"you might be interested in", "you may be interested in",
	"recommended", "recommended for you", "recommended stories",
	"recommended reading", "recommended articles", "editor's picks",
	"editors' picks", "editors picks", "editor's choice", "latest news",
	"latest stories", "latest headlines", "read more", "read next",
	"read this next", "up next", "what to read next", "further reading",
	"see also", "also read", "read also", "also on", "around the web",
	"from the web", "sponsored content", "sponsored stories",
	"promoted stories", "promoted content", "in other news", "don't miss",
	"more to explore", "explore more", "more like this", "also in the news",
	"in case you missed it", "more coverage",
	"more on this topic", "other stories", "more articles", "related topics",
	"more on this", "more stories like this",
}

var exactRules = func() map[string]exactRule {
	m := make(map[string]exactRule)
	for _, h := range linkHeaders {
		m[h] = exactRule{RuleLinkList, true}
	}
	// A few whole-line phrases that the tokeniser cannot express.
	for _, p := range []string{
		"media playback is unsupported on your device",
		"media playback is not supported on this device",
		"this video can not be played", "this video cannot be played",
	} {
		m[p] = exactRule{RuleMedia, false}
	}
	for _, p := range []string{
		"these are external links and will open in a new window",
		"this link will open in a new window",
		"opens in new window", "opens in a new window",
	} {
		m[p] = exactRule{RuleWidget, false}
	}
	return m
}()

// ---------------------------------------------------------------------------
// Prefix rules

type prefixRule struct {
	prefix string // lower-case
	rule   string
	max    int                          // longest line the rule may remove
	check  func(line, rest string) bool // extra condition; rest follows prefix
	header bool
}

// prefixKey is the first two bytes of a prefix.
type prefixKey [2]byte

// prefixTable holds the prefix rules by their first two bytes, longest
// prefix first.
var prefixTable = func() map[prefixKey][]prefixRule {
	var all []prefixRule
	add := func(rule string, max int, check func(line, rest string) bool, header bool, prefixes ...string) {
		for _, p := range prefixes {
			all = append(all, prefixRule{p, rule, max, check, header})
		}
	}

	// "Read more: ...", "WATCH: ..." - the whole line goes.
	add(RuleLinkList, 300, nil, false,
		"more news:", "related:", "related news:", "related stories:",
		"related story:", "related articles:", "related article:",
		"related coverage:", "related content:", "related links:",
		"related reading:", "related video:", "read more:", "read also:",
		"also read:", "see also:", "also see:", "recommended:",
		"recommended reading:", "don't miss:", "dont miss:", "do not miss:",
		"most read:", "most popular:", "trending:", "trending now:", "more:",
		"watch:", "watch live:", "watch now:", "read:", "read next:",
		"up next:", "listen:", "further reading:", "see more:",
		"more on this:", "more on this story:", "editor's picks:",
		"top stories:", "you may also like:", "more coverage:",
		"in other news:", "click here to read", "read the full story",
		"read the full article", "click here for more")
	// "More from Reuters" - a header with a run of headlines after it.
	add(RuleLinkList, 80, headerCheck, true,
		"more from ", "more stories from ", "more news from ",
		"most popular in ", "most read in ", "latest from ",
		"elsewhere on ", "more stories on ", "more news on ")

	add(RuleNewsletter, 300, newsletterCheck, false,
		"sign up", "signup", "subscribe", "click here to subscribe",
		"click here to sign up", "get the latest", "get our", "get the best of",
		"get breaking news", "get alerts", "get email", "get the news",
		"get a daily", "get the day's", "already a subscriber",
		"already subscribed", "already have an account", "not a subscriber",
		"not yet a subscriber", "enter your email", "thank you for signing up",
		"thanks for signing up", "thank you for subscribing",
		"thanks for subscribing", "by signing up", "by subscribing",
		"support our journalism", "support independent journalism",
		"become a subscriber", "become a member", "newsletter",
		"register for free", "register now", "want the latest", "want more",
		"you have reached your", "you've reached your",
		"this article is for subscribers", "this content is for subscribers",
		"subscribers only", "subscriber-only", "start your free trial",
		"unlock unlimited", "to continue reading", "continue reading with",
		"log in to", "sign in to", "create a free account",
		"for unlimited access")

	add(RuleCookie, maxChromeLen, cookieCheck, false,
		"we use cookies", "this site uses cookies", "this website uses cookies",
		"our site uses cookies", "our website uses cookies",
		"we and our partners", "we care about your privacy",
		"we value your privacy", "by continuing to use", "by continuing to browse",
		"by using this site", "by using our site", "by using this website",
		"by using our website", "by using our services", "by clicking",
		"your privacy choices", "your privacy", "manage cookies",
		"manage your cookie", "cookie settings", "cookie policy",
		"cookie preferences", "cookie consent", "cookies policy", "cookies",
		"accept all cookies", "accept cookies", "allow all cookies",
		"allow cookies", "reject all", "accept all", "manage preferences",
		"manage consent", "privacy settings", "do not sell", "i accept",
		"i agree", "this site uses", "this website uses")

	add(RuleCopyright, 300, copyrightCheck, false, "copyright")
	add(RuleCopyright, 300, nil, false,
		"this material may not be published", "this article may not be republished",
		"this material may not be reproduced", "no part of this publication may",
		"reproduction in whole or in part")
	add(RuleFooter, 200, nil, false,
		"our standards:", "our standards -", "the thomson reuters trust principles")

	add(RuleSignoff, 500, creditCheck, false, creditPrefixes...)

	add(RuleMedia, 400, nil, false,
		"image copyright", "image caption", "image source", "image:", "images:",
		"image credit", "photo:", "photos:", "photo credit", "photograph:",
		"photographs:", "photographer:", "picture:", "pictures:",
		"picture credit", "pictured:", "caption:", "credit:", "credits:",
		"video:", "videos:", "watch video", "watch the video",
		"media playback is unsupported", "media playback is not supported",
		"media caption", "gallery:", "slideshow:", "file photo:",
		"file image:", "file picture:", "click to enlarge", "enlarge this image",
		"play video", "embedded video", "audio:", "graphic:", "graphics:",
		"illustration:", "infographic:")
	add(RuleMedia, 80, creditLineCheck, false,
		"reuters/", "afp/", "ap photo", "ap/", "epa/", "epa-efe", "getty images",
		"photo by", "photograph by", "photo courtesy", "image courtesy",
		"picture by", "pictures by", "photo illustration", "afp via getty",
		"anadolu agency via", "sopa images")

	add(RuleSocial, 200, followCheck, false, "follow", "you can follow", "click to follow", "like us on")
	add(RuleSocial, 200, socialCheck, false,
		"follow us", "join the conversation", "join the discussion",
		"join the debate", "leave a comment", "leave a reply", "post a comment",
		"add a comment", "add your comment", "comments are closed",
		"comments have been closed", "comments are now closed",
		"commenting has been disabled", "commenting is closed",
		"commenting is now closed", "comments have been disabled",
		"comments for this article", "be the first to comment",
		"have your say", "let us know in the comments",
		"let us know what you think", "tell us what you think",
		"share your thoughts", "share your views", "share your story",
		"view comments", "show comments", "load comments", "read comments",
		"see comments", "view all comments", "click here to comment",
		"discuss this article", "got a news tip", "got a story",
		"do you have a story", "send us your")
	add(RuleSocial, 200, thinkCheck, false, "what do you think?")

	add(RuleTags, 400, nil, false,
		"tags:", "tagged:", "tagged with:", "topics:", "topic:", "keywords:",
		"filed under:", "filed in:", "categories:", "category:", "subjects:",
		"more about:", "related topics:", "explore more on these topics",
		"more on these topics")

	add(RuleStamp, 120, stampCheck, false,
		"updated", "published", "last modified", "last updated",
		"first published", "posted", "date:", "modified", "created:",
		"originally published", "this article was published",
		"this story was published", "this article was updated")

	sort.SliceStable(all, func(i, j int) bool { return len(all[i].prefix) > len(all[j].prefix) })
	t := make(map[prefixKey][]prefixRule)
	for _, r := range all {
		k := prefixKey{r.prefix[0], r.prefix[1]}
		t[k] = append(t[k], r)
	}
	return t
}()

// creditPrefixes start wire credits such as "Reporting by ...; Editing by ...".
// "Written by" is absent on purpose: it is a byline (see docs/cleaning.md).
var creditPrefixes = []string{
	"reporting by", "additional reporting by", "additional reporting",
	"writing by", "editing by", "edited by", "compiled by", "research by",
	"reported by", "graphics by", "production by", "translated by",
	"translation by", "interviews by", "with reporting by",
	"reporting and writing by", "writing and reporting by", "fact-checking by",
}

// creditCheck accepts unbracketed credit lines: several credits separated by
// ';', or a short credit that is not a sentence.
func creditCheck(line, rest string) bool {
	if containsByte(line, '"') {
		return false
	}
	w := countWords(line)
	if w > 45 {
		return false
	}
	if containsByte(line, ';') {
		return true
	}
	for _, p := range creditPrefixes {
		if containsWordFold(rest, p) {
			return true
		}
	}
	return w <= 12 && !endsSentence(line)
}

// headerCheck accepts short headers like "More from Reuters".
func headerCheck(line, _ string) bool {
	return countWords(line) <= 8 && !endsSentence(line) &&
		!containsByte(line, ',') && !containsByte(line, '"')
}

var newsletterMarkers = []string{
	"newsletter", "newsletters", "inbox", "email", "e-mail", "emails",
	"subscribe", "subscriber", "subscribers", "subscription", "subscribing",
	"sign up", "signing up", "alerts", "briefing", "log in", "login",
	"sign in", "register", "free", "unlimited", "digital access", "member",
	"membership", "journalism", "trial", "updates", "limit", "account",
	"access", "here", "now", "today", "daily", "weekly",
}

func newsletterCheck(line, rest string) bool {
	if containsByte(line, '"') {
		return false
	}
	w := countWords(line)
	if w > 30 {
		return false
	}
	return containsAnyWordFold(rest, newsletterMarkers) || (w <= 12 && !endsSentence(line))
}

var cookieMarkers = []string{
	"cookie", "cookies", "privacy", "consent", "personal data", "partners",
	"website", "this site", "our site", "terms of use", "terms of service",
	"preferences", "tracking",
}

// siteVoice words show a notice addressing the reader ("We use cookies ...
// you agree"); a story sentence about cookies rarely has them.
var siteVoice = []string{"we", "our", "you", "your", "us"}

func cookieCheck(line, _ string) bool {
	if containsByte(line, '"') {
		return false
	}
	if !endsSentence(line) && countWords(line) <= 4 {
		return true // "Accept all", "Cookie settings"
	}
	return containsAnyWordFold(line, cookieMarkers) &&
		(!endsSentence(line) || containsAnyWordFold(line, siteVoice))
}

// copyrightCheck requires a year, a copyright sign or "all rights reserved"
// after "Copyright", so "Copyright law" and "Copyright infringement ..."
// stay.
func copyrightCheck(line, rest string) bool {
	if strings.Contains(rest, "©") || indexFold(rest, "(c)") >= 0 ||
		indexFold(rest, "all rights reserved") >= 0 {
		return true
	}
	// A four-digit year right after the prefix ("Copyright 2017 ...").
	r := strings.TrimLeft(rest, " :")
	return len(r) >= 4 && isDigit(r[0]) && isDigit(r[1]) && isDigit(r[2]) && isDigit(r[3]) &&
		(len(r) == 4 || !isDigit(r[4]))
}

// creditLineCheck accepts short photo credits: "Getty Images", "REUTERS/Jane Doe".
func creditLineCheck(line, _ string) bool {
	return countWords(line) <= 8 && !endsSentence(line) && !containsByte(line, '"')
}

var platforms = []string{
	"twitter", "facebook", "instagram", "x", "linkedin", "tiktok", "youtube",
	"threads", "bluesky", "telegram", "whatsapp", "mastodon", "snapchat",
	"google news", "social media",
}

// followCheck accepts "Follow us on Twitter", "Follow @janedoe".
func followCheck(line, rest string) bool {
	if containsByte(line, '"') || countWords(line) > 20 {
		return false
	}
	return containsByte(rest, '@') || containsAnyWordFold(rest, platforms)
}

var socialMarkers = []string{
	"comment", "comments", "below", "twitter", "facebook", "instagram", "us",
	"our", "email",
}

func socialCheck(line, _ string) bool {
	if containsByte(line, '"') {
		return false
	}
	w := countWords(line)
	return w <= 25 && (!endsSentence(line) || w <= 6 || containsAnyWordFold(line, socialMarkers))
}

// thinkCheck: "What do you think?" alone or with a call to comment.
func thinkCheck(line, rest string) bool {
	if strings.TrimSpace(rest) == "" {
		return true
	}
	return !containsByte(line, '"') && countWords(line) <= 25 &&
		containsAnyWordFold(rest, []string{"comment", "comments", "let us know", "tell us", "have your say", "email us", "below"})
}

// stampCheck accepts "Updated: 12 March 2017 10:42 GMT", "Published 3 hours
// ago", but not "Published reports said ..." or "Updated figures show 12 ...".
func stampCheck(line, _ string) bool {
	if containsByte(line, '"') || countWords(line) > 16 {
		return false
	}
	if endsSentence(line) && !hasSuffixFold(line, "a.m.") && !hasSuffixFold(line, "p.m.") {
		return false
	}
	return containsDigit(line) || containsAnyWordFold(line, []string{"ago", "today", "yesterday", "just now"})
}

// agoLine matches "3 hours ago", "5 min read", "12 mins read".
func agoLine(line string) bool {
	if len(line) > 40 {
		return false
	}
	i := 0
	for i < len(line) && isDigit(line[i]) {
		i++
	}
	if i == len(line) || line[i] != ' ' {
		return false
	}
	rest := strings.ToLower(line[i+1:])
	for _, u := range []string{"second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month", "months", "year", "years"} {
		if strings.HasPrefix(rest, u+" ") {
			tail := rest[len(u)+1:]
			if tail == "ago" || tail == "read" {
				return true
			}
		}
	}
	return false
}

// dateWords are the words of a date/time stamp line. Each maps to a kind:
// 'm' month or weekday, 's' a stamp word, 'w' other filler.
var dateWords = func() map[string]byte {
	m := map[string]byte{}
	for _, w := range strings.Fields("january february march april may june july august september october november december " +
		"jan feb mar apr jun jul aug sep sept oct nov dec " +
		"monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun") {
		m[w] = 'm'
	}
	for _, w := range strings.Fields("updated published posted modified ago") {
		m[w] = 's'
	}
	for _, w := range strings.Fields("am pm a.m p.m gmt utc bst cet cest est edt et pt pst pdt ist msk eet eest sast wat eat jst aest " +
		"on at last first hour hours minute minutes min mins day days week weeks yesterday today") {
		m[w] = 'w'
	}
	return m
}()

// dateLine matches stamp lines made only of dates, times and stamp words,
// such as "April 4, 2017 / 10:42 AM / Updated 2 hours ago" or "Tue 14 Mar
// 2017 11.02 GMT | Last modified 12.40 GMT". A bare date or time is kept
// unless it has both a date and a time: in live blogs a lone "10:42 GMT"
// dates the entry that follows.
func dateLine(line string) bool {
	if !containsDigit(line) || countWords(line) > 16 {
		return false
	}
	var month, stamp, clock, number bool
	for rest := line; rest != ""; {
		i := 0
		for i < len(rest) && strings.IndexByte(" ,/|-()", rest[i]) >= 0 {
			i++
		}
		rest = rest[i:]
		j := 0
		for j < len(rest) && strings.IndexByte(" ,/|-()", rest[j]) < 0 {
			j++
		}
		if j == 0 {
			break
		}
		tok := strings.TrimSuffix(rest[:j], ".")
		rest = rest[j:]
		if tok == "" {
			return false // a lone "."
		}
		if isDigit(tok[0]) {
			digits := true
			for k := 0; k < len(tok); k++ {
				c := tok[k]
				if c == ':' || c == '.' {
					clock = true
				} else if !isDigit(c) {
					// ordinals and glued suffixes: 4th, 10am, 10:42am
					suf := strings.ToLower(tok[k:])
					if suf != "st" && suf != "nd" && suf != "rd" && suf != "th" && suf != "am" && suf != "pm" && suf != "h" {
						digits = false
					} else if suf == "am" || suf == "pm" || suf == "h" {
						clock = true
					}
					break
				}
			}
			if !digits {
				return false
			}
			number = true
			continue
		}
		if len(tok) > 12 {
			return false
		}
		var buf [12]byte
		for k := 0; k < len(tok); k++ {
			buf[k] = lowerByte(tok[k])
		}
		switch dateWords[string(buf[:len(tok)])] {
		case 'm':
			month = true
		case 's':
			stamp = true
		case 'w':
		default:
			return false
		}
	}
	return number && (stamp || month && clock)
}

// contributorLine matches agency credits such as "Associated Press writer
// Nina Holt contributed to this report from Brussels."
func contributorLine(line string) bool {
	if line[len(line)-1] != '.' {
		return false
	}
	i := strings.Index(line, " contributed ")
	if i < 0 || countWords(line) > 40 || containsByte(line, '"') {
		return false
	}
	if i < 0 {
		return false
	}
	rest := line[i+len(" contributed "):]
	return hasPrefixFold(rest, "to this report") || hasPrefixFold(rest, "to this story") ||
		hasPrefixFold(rest, "to this article") || hasPrefixFold(rest, "reporting")
}

// bracketRule handles lines starting with '(' or '[': wire credits
// "(Reporting by ...; Editing by ...)", contact blocks "((...))", "(c) 2017
// ..." and bracketed photo credits.
func bracketRule(line string) string {
	n := len(line)
	if n > 500 || n < 3 {
		return ""
	}
	if hasPrefixFold(line, "(c)") {
		if n <= 300 && containsDigit(line) {
			return RuleCopyright
		}
		return ""
	}
	if strings.HasPrefix(line, "((") && strings.HasSuffix(line, "))") {
		return RuleSignoff
	}
	closing := byte(')')
	if line[0] == '[' {
		closing = ']'
	}
	if line[n-1] != closing && !(n > 3 && line[n-1] == '.' && line[n-2] == closing) {
		return ""
	}
	inner := strings.TrimLeft(line[1:], " ")
	for _, p := range creditPrefixes {
		if hasPrefixFold(inner, p) {
			return RuleSignoff
		}
	}
	for _, p := range []string{"photo:", "photos:", "image:", "picture:", "video:", "file photo", "pictured", "photo by", "photo credit", "image credit", "credit:"} {
		if hasPrefixFold(inner, p) {
			return RuleMedia
		}
	}
	return ""
}

// contactLine matches "-- London Newsroom +44 20 7542 1234" and similar
// desk/newsroom contact lines.
func contactLine(line string) bool {
	if len(line) > 200 || !(strings.HasPrefix(line, "--") || strings.HasPrefix(line, "- ")) {
		return false
	}
	if countWords(line) > 20 || containsByte(line, '"') {
		return false
	}
	for i := 0; i+1 < len(line); i++ {
		if line[i] == '+' && isDigit(line[i+1]) {
			return true
		}
	}
	if containsByte(line, '@') {
		return true
	}
	return !endsSentence(line) && containsAnyWordFold(line, []string{"newsroom", "desk", "bureau"})
}

// breadcrumb matches navigation paths: "Home > World > Europe",
// "Home | News | World", "News > World > Europe".
func breadcrumb(line string) bool {
	home := hasPrefixFold(line, "home") || hasPrefixFold(line, "front page")
	for _, sep := range []string{">", "›", "|", "/", "•", `"`} {
		if !home && sep != ">" && sep != "›" {
			break // these separators need a "Home" start
		}
		if !strings.Contains(line, sep) {
			continue
		}
		segs, ok, first, capital := 0, true, "", true
		for rest := line; ok; {
			seg, tail, more := strings.Cut(rest, sep)
			seg = strings.TrimSpace(seg)
			if seg == "" || len(seg) > 40 || countWords(seg) > 4 ||
				endsSentence(seg) || strings.ContainsAny(seg, ",;:?!") {
				ok = false
				break
			}
			if segs == 0 {
				first = seg
			}
			if !(isDigit(seg[0]) || ('A' <= seg[0] && seg[0] <= 'Z')) {
				capital = false
			}
			segs++
			if !more {
				break
			}
			rest = tail
		}
		if !ok || segs < 2 {
			continue
		}
		if strings.EqualFold(first, "home") || strings.EqualFold(first, "homepage") ||
			strings.EqualFold(first, "front page") {
			return true
		}
		if (sep == ">" || sep == "›") && segs >= 3 && capital {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Button-label lines ("Share Tweet Email", "Terms of Use | Privacy Policy")

type phrase struct {
	text string // lower-case
	rule string
	weak bool // cannot make a line chrome on its own ("A", "More", "12")
}

var phraseTable = func() (t [256][]phrase) {
	var all []phrase
	add := func(rule string, weak bool, ps ...string) {
		for _, p := range ps {
			all = append(all, phrase{p, rule, weak})
		}
	}
	add(RuleWidget, false,
		"share", "shares", "share this", "share this article", "share this story",
		"share this page", "share article", "share story", "share full article",
		"share on facebook", "share on twitter", "share on x", "share on linkedin",
		"share on whatsapp", "share on reddit", "share on pinterest",
		"share via email", "share by email", "share via", "share page",
		"tweet", "tweet this", "email", "e-mail", "email this", "email this article",
		"email article", "print", "print this", "print this page", "print article",
		"print this article", "comment", "comments", "save", "save article",
		"save for later", "save this article", "saved", "follow", "unfollow",
		"listen", "listen to this article", "listen to article",
		"listen to this story", "copy link", "copy url", "copy article link",
		"copy this link", "link copied", "font size", "text size", "resize text", "advertisement",
		"advertising", "ad", "ads", "skip to content", "skip to main content",
		"skip to navigation", "skip navigation", "skip advertisement", "skip ad",
		"story continues below advertisement",
		"article continues below advertisement", "story continues below",
		"article continues below", "continue reading", "continue reading below",
		"continue reading the main story", "scroll to continue",
		"scroll to continue with content", "facebook", "twitter", "whatsapp",
		"linkedin", "reddit", "pinterest", "messenger", "flipboard", "telegram",
		"gift article", "gift this article", "bookmark", "reprints",
		"reprints & permissions", "permissions", "adjust", "sponsored",
		"show more", "show less", "view more", "load more", "see more",
		"back to top", "fullscreen", "full screen", "enlarge", "zoom",
		"toggle caption", "hide caption", "show caption", "close", "menu",
		"expand", "collapse", "share this with")
	add(RuleWidget, true,
		"a", "aa", "x", "more", "like", "likes", "reply", "report", "search",
		"next", "previous", "prev", "top", "play", "pause", "download", "on",
		"via", "this", "article", "story", "page", "link", "min", "mins",
		"minute", "minutes", "read")
	add(RuleFooter, false,
		"terms of use", "terms of service", "terms and conditions",
		"terms & conditions", "privacy policy", "privacy notice",
		"contact us", "about us", "sitemap", "site map", "advertise with us",
		"accessibility statement", "corrections policy", "code of conduct",
		"modern slavery statement")
	add(RuleCookie, false,
		"accept all cookies", "accept cookies", "allow all cookies", "reject all",
		"accept all", "manage preferences", "cookie preferences", "cookie policy",
		"cookie settings", "cookies settings", "manage cookies", "i accept",
		"got it")
	add(RuleNewsletter, false,
		"subscribe", "subscribe now", "subscribe today", "subscribe here",
		"sign up", "sign up now", "sign up here", "sign in", "log in", "login",
		"log out", "register", "newsletter", "newsletters", "already a subscriber?",
		"already a subscriber", "my account")
	add(RuleMedia, false,
		"getty images", "getty", "shutterstock", "alamy", "alamy stock photo",
		"istock", "istockphoto", "pa media", "pa wire", "afp via getty images",
		"video", "videos", "gallery", "photos", "watch", "watch live", "audio",
		"media playback is unsupported on your device")
	sort.SliceStable(all, func(i, j int) bool { return len(all[i].text) > len(all[j].text) })
	for _, p := range all {
		t[p.text[0]] = append(t[p.text[0]], p)
	}
	return t
}()

// tokenSep reports the width of a separator at s[i:] (0 if none).
func tokenSep(s string, i int) int {
	switch s[i] {
	case ' ', '|', '/', ',', '-', ':', ';', '+', '(', ')', '[', ']', '<', '>',
		'&', '"', '\'', '.', '!', '?', '*', '=', '~', '#':
		return 1
	}
	if s[i] >= 0x80 {
		for _, j := range junkRunes {
			if strings.HasPrefix(s[i:], j) {
				return len(j)
			}
		}
	}
	return 0
}

// tokenRule returns the rule for a line made only of known button labels,
// numbers and separators with at least one strong label, else "". The
// font-size control "A A A" (two or more "A"s) also counts.
func tokenRule(line string) string {
	rule := ""
	sizes := 0 // "A" and "AA" tokens
	i := 0
	for {
		for i < len(line) {
			w := tokenSep(line, i)
			if w == 0 {
				break
			}
			i += w
		}
		if i >= len(line) {
			if rule == "" && sizes >= 2 {
				return RuleWidget
			}
			return rule
		}
		if isDigit(line[i]) { // counts such as "Comments (12)"
			for i < len(line) && isDigit(line[i]) {
				i++
			}
			if i < len(line) && isLetter(line[i]) {
				return ""
			}
			continue
		}
		matched := false
		for _, p := range phraseTable[lowerByte(line[i])] {
			j := i + len(p.text)
			if hasPrefixFold(line[i:], p.text) && (j == len(line) || !isAlnum(line[j])) {
				if !p.weak && rule == "" {
					rule = p.rule
				}
				if p.text == "a" || p.text == "aa" {
					sizes++
				}
				i = j
				matched = true
				break
			}
		}
		if !matched {
			return ""
		}
	}
}
