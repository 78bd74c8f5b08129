package clean

import (
	"reflect"
	"testing"
)

// ruleCase is one line and the rule expected to remove it ("" = kept).
type ruleCase struct {
	line string
	want string
}

// checkLines runs each line through Body on its own and checks that it is
// removed by the expected rule, or kept unchanged.
func checkLines(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		got, rem := Body(c.line)
		if c.want == "" {
			if got != Line(c.line) || len(rem) != 0 {
				t.Errorf("Body(%q) = %q, %v; want the line kept", c.line, got, rem)
			}
			continue
		}
		if got != "" || len(rem) != 1 || rem[0].Rule != c.want {
			t.Errorf("Body(%q) = %q, %v; want removal by %q", c.line, got, rem, c.want)
		}
	}
}

func TestRuleWidget(t *testing.T) {
	checkLines(t, []ruleCase{
		{"Adjust Comment Print", RuleWidget},
		{"Share", RuleWidget},
		{"SHARE", RuleWidget},
		{"Share this article", RuleWidget},
		{"Share on Facebook", RuleWidget},
		{"Share on Facebook Share on Twitter Share via Email", RuleWidget},
		{"Tweet", RuleWidget},
		{"Email", RuleWidget},
		{"Print", RuleWidget},
		{"Comments", RuleWidget},
		{"Comment", RuleWidget},
		{"Comments (12)", RuleWidget},
		{"12 Comments", RuleWidget},
		{"Save", RuleWidget},
		{"Follow", RuleWidget},
		{"Listen", RuleWidget},
		{"Listen to this article 4 min", RuleWidget},
		{"Copy link", RuleWidget},
		{"Font size", RuleWidget},
		{"A A A", RuleWidget},
		{"Font size A A A", RuleWidget},
		{"Advertisement", RuleWidget},
		{"ADVERTISEMENT", RuleWidget},
		{"Story continues below advertisement", RuleWidget},
		{"Skip to content", RuleWidget},
		{"Share | Tweet | Email | Print", RuleWidget},
		{"• Facebook • Twitter • WhatsApp", RuleWidget},
		{"Print this page", RuleWidget},
		{"Continue reading the main story", RuleWidget},
		// Kept.
		{"Print editions of the newspaper were delayed by the strike.", ""},
		{"Share prices fell 3 percent on Monday.", ""},
		{"Comments by the minister angered the opposition.", ""},
		{"Background", ""}, // a one-word subhead
		{"Reaction", ""},
		{"A", ""}, // weak labels alone are not enough
		{"More", ""},
		{"Report", ""},
		{"12", ""},
		{"Follow the money", ""},
		{"Save the Children said 40 children had been evacuated.", ""},
	})
}

func TestRuleLinkList(t *testing.T) {
	checkLines(t, []ruleCase{
		{"More news: Floods close border crossing", RuleLinkList},
		{"Related: Minister quits over budget row", RuleLinkList},
		{"RELATED: Minister quits over budget row", RuleLinkList},
		{"Related news: Port strike enters second week", RuleLinkList},
		{"Read more: Why the harbour deal collapsed", RuleLinkList},
		{"Read also: Five things to know about the vote", RuleLinkList},
		{"Also read: Rebels seize airfield", RuleLinkList},
		{"See also: Timeline of the dispute", RuleLinkList},
		{"Recommended: The long road to the ceasefire", RuleLinkList},
		{"Don't miss: Inside the rebel stronghold", RuleLinkList},
		{"Don’t miss: Inside the rebel stronghold", RuleLinkList}, // curly apostrophe
		{"Most read: Storm batters coast", RuleLinkList},
		{"Trending: Mayor arrested", RuleLinkList},
		{"MORE: Parliament suspended amid protests", RuleLinkList},
		{"WATCH: Protesters clash with police in the capital", RuleLinkList},
		{"READ: The full text of the agreement", RuleLinkList},
		{"Related stories", RuleLinkList},
		{"Related Stories:", RuleLinkList},
		{"Most popular", RuleLinkList},
		{"You may also like", RuleLinkList},
		{"Read more »", RuleLinkList},
		{"More from Reuters", RuleLinkList},
		// Kept.
		{"Related charges were filed against two officers on Friday.", ""},
		{"\"Related issues will be discussed in Geneva,\" the envoy said.", ""},
		{"More than 200 people were detained.", ""},
		{"Read more than 100 pages of the report, she said.", ""},
		{"Trending topics on social media included the strike.", ""},
		{"More from the minister's speech is expected on Friday.", ""},
		{"Watch this space, he told reporters.", ""},
	})
}

func TestRuleLinkListRun(t *testing.T) {
	in := "The talks ended without agreement.\n\n" +
		"Related stories\n" +
		"Rebels seize airfield in the north\n" +
		"UN warns of famine as aid stalls\n" +
		"2 hours ago\n\n" +
		"Officials said new talks were planned."
	got, rem := Body(in)
	want := "The talks ended without agreement.\n\nOfficials said new talks were planned."
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	wantRem := []Removal{{"Related stories\nRebels seize airfield in the north\nUN warns of famine as aid stalls\n2 hours ago", RuleLinkList}}
	if !reflect.DeepEqual(rem, wantRem) {
		t.Fatalf("removals %q, want %q", rem, wantRem)
	}

	// Spaced style: items separated by blank lines; the run stops at the
	// first sentence, and a dense run stops at a blank line.
	in = "Most popular\n\nBridge collapse kills three\n\nOfficials resign over port deal\n\n" +
		"The storm moved east overnight.\n\nYou may also like\nCity braces for flood peak\n\nAftermath of the storm"
	got, _ = Body(in)
	want = "The storm moved east overnight.\n\nAftermath of the storm"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}

	// Dense topic lists may have one-word items.
	got, _ = Body("Related Topics\nFloods\nOstrel\n\nReaction")
	if want := "Reaction"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}

	// A short subhead right after a spaced block survives.
	got, _ = Body("Related stories\n\nBridge collapse kills three\n\nReaction\n\nThe mayor spoke.")
	if want := "Reaction\n\nThe mayor spoke."; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestRuleNewsletter(t *testing.T) {
	checkLines(t, []ruleCase{
		{"Sign up for our newsletter", RuleNewsletter},
		{"Sign up for our daily newsletter here.", RuleNewsletter},
		{"Subscribe to The Morning Brief", RuleNewsletter},
		{"Subscribe now for unlimited access.", RuleNewsletter},
		{"Get the latest headlines in your inbox", RuleNewsletter},
		{"Get the latest news from the region delivered to your inbox every morning.", RuleNewsletter},
		{"Click here to subscribe", RuleNewsletter},
		{"Already a subscriber? Log in", RuleNewsletter},
		{"Newsletter", RuleNewsletter},
		{"Sign in | Register", RuleNewsletter},
		{"Thank you for signing up!", RuleNewsletter},
		// Kept.
		{"Subscribers to the service complained on Monday.", ""},
		{"Sign up for the scheme closed on Friday, officials said.", ""},
		{"Subscribe to the view that the war is over, and you ignore the evidence from the front, the general said.", ""},
		{"\"Subscribe to our channel,\" the influencer told fans before her arrest.", ""},
	})
}

func TestRuleCopyright(t *testing.T) {
	checkLines(t, []ruleCase{
		{"© 2017 Reuters", RuleCopyright},
		{"© Copyright 2017 Example Media Group", RuleCopyright},
		{"Copyright 2017 The Associated Press. All rights reserved.", RuleCopyright},
		{"Copyright © 2017 Example News", RuleCopyright},
		{"(c) 2017 Example Wire Service", RuleCopyright},
		{"All rights reserved", RuleCopyright},
		{"Example News Ltd 2017. All rights reserved.", RuleCopyright},
		{"This material may not be published, broadcast, rewritten or redistributed.", RuleCopyright},
		{"Terms of Use | Privacy Policy | Contact Us", RuleFooter},
		{"Our Standards: The Thomson Reuters Trust Principles.", RuleFooter},
		// Kept.
		{"Copyright infringement cases rose sharply in 2016, the report said.", ""},
		{"Copyright law", ""},
		{"The label said all rights reserved under the old contract would lapse.", ""},
	})
}

func TestRuleSignoff(t *testing.T) {
	checkLines(t, []ruleCase{
		{"(Reporting by Jane Doe; Editing by John Roe)", RuleSignoff},
		{"(Reporting by Jane Doe in Lagos; Additional reporting by Ann Lee in Abuja; Editing by Tom Hale)", RuleSignoff},
		{"[Reporting by Jane Doe]", RuleSignoff},
		{"(Additional reporting by Ann Lee).", RuleSignoff},
		{"Reporting by Jane Doe; Writing by John Roe; Editing by Ann Lee", RuleSignoff},
		{"Reporting by Jane Doe and Sam Poe, editing by Ann Lee", RuleSignoff},
		{"Editing by Ann Lee", RuleSignoff},
		{"-- London Newsroom +44 20 7000 0000", RuleSignoff},
		{"— Foreign Desk, +1 202 555 0100", RuleSignoff},
		{"((jane.doe@example.com; +44 20 7000 0000))", RuleSignoff},
		{"Associated Press writer Nina Holt contributed to this report from Brussels.", RuleSignoff},
		{"Jane Doe in Lagos contributed reporting.", RuleSignoff},
		// Kept.
		{"Reporting by the newspaper suggested the minister knew of the payments.", ""},
		{"(Corrects spelling of minister's name in paragraph 3)", ""},
		{"- 3 people were injured in the blast.", ""},
		{"By Jane Doe, Reuters", ""}, // bylines carry provenance
		{"Written by Jane Doe", ""},
		{"Three ministers contributed to the fund, which was set up in 2015.", ""},
	})
}

func TestRuleMedia(t *testing.T) {
	checkLines(t, []ruleCase{
		{"Image copyright Getty Images", RuleMedia},
		{"Image copyright Getty Images Image caption Protesters gathered outside parliament on Monday", RuleMedia},
		{"Image caption The bridge was closed for three hours", RuleMedia},
		{"Photo: Jane Doe/Example News", RuleMedia},
		{"Photograph: Sam Poe/AFP/Getty Images", RuleMedia},
		{"Video: Flood waters sweep through the old town", RuleMedia},
		{"Media playback is unsupported on your device", RuleMedia},
		{"Getty Images", RuleMedia},
		{"REUTERS/Jane Doe/File Photo", RuleMedia},
		{"AFP via Getty Images", RuleMedia},
		{"(Photo: Sam Poe)", RuleMedia},
		{"FILE PHOTO: A man walks past the central bank building in the capital, March 3, 2017.", RuleMedia},
		// Kept.
		{"Photographs of the scene show a burned-out car.", ""},
		{"Video footage showed soldiers firing into the air.", ""},
		{"Getty Images, the agency, declined to comment on the dispute.", ""},
	})
}

func TestRuleSocial(t *testing.T) {
	checkLines(t, []ruleCase{
		{"Follow us on Twitter", RuleSocial},
		{"Follow us on Twitter @examplenews", RuleSocial},
		{"Follow Jane Doe on X", RuleSocial},
		{"Join the conversation", RuleSocial},
		{"Leave a comment", RuleSocial},
		{"Comments are closed.", RuleSocial},
		{"Have your say", RuleSocial},
		{"What do you think? Let us know in the comments", RuleSocial},
		{"What do you think? Let us know in the comments below.", RuleSocial},
		{"Like us on Facebook", RuleSocial},
		// Kept.
		{"Follow-up talks are planned for May.", ""},
		{"What do you think will happen next? It is anyone's guess.", ""},
		{"Have your say at the public meeting on Tuesday, residents were told by the council.", ""},
	})
}

func TestRuleCookie(t *testing.T) {
	checkLines(t, []ruleCase{
		{"We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.", RuleCookie},
		{"This site uses cookies. Learn more", RuleCookie},
		{"By continuing to use this site, you consent to our use of cookies.", RuleCookie},
		{"We and our partners store and access information on your device.", RuleCookie},
		{"Accept all cookies", RuleCookie},
		{"Accept all | Reject all | Manage preferences", RuleCookie},
		{"Cookie settings", RuleCookie},
		// Kept.
		{"Cookies used for tracking were banned by the regulator.", ""},
		{"By continuing to use the old reactor, the company risked a disaster, inspectors said.", ""},
		{"I agree with the minister on this, the senator said.", ""},
	})
}

func TestRuleBreadcrumb(t *testing.T) {
	checkLines(t, []ruleCase{
		{"Home > World > Europe", RuleBreadcrumb},
		{"Home | News | World", RuleBreadcrumb},
		{"Home / Politics", RuleBreadcrumb},
		{"Home » World » Africa", RuleBreadcrumb},
		{"News › World › Middle East", RuleBreadcrumb},
		// Kept.
		{"Profits > forecasts", ""},
		{"Exports rose 4% | imports fell 2%", ""},
		{"The ratio of debt/GDP rose.", ""},
	})
}

func TestRuleTags(t *testing.T) {
	checkLines(t, []ruleCase{
		{"Tags: Europe, migration, border", RuleTags},
		{"Topics: Elections", RuleTags},
		{"TOPICS: Elections, Africa", RuleTags},
		{"Keywords: FRANCE-STRIKE/", RuleTags},
		{"Filed under: Politics", RuleTags},
		// Kept.
		{"Tags on the crates showed they came from the port.", ""},
		{"Topics discussed included trade and security.", ""},
	})
}

func TestRuleStamp(t *testing.T) {
	checkLines(t, []ruleCase{
		{"Updated: 12 March 2017 10:42 GMT", RuleStamp},
		{"Published: 3 hours ago", RuleStamp},
		{"Last modified on Tue 14 Mar 2017 11.02 GMT", RuleStamp},
		{"Last updated 14 March 2017", RuleStamp},
		{"Updated March 3, 2017 at 4:15 p.m.", RuleStamp},
		{"Published 10:00 BST | Updated 11:30 BST", RuleStamp},
		{"3 hours ago", RuleStamp},
		{"5 min read", RuleStamp},
		{"April 4, 2017 / 10:42 AM / Updated 2 hours ago", RuleStamp},
		{"Tue 14 Mar 2017 11.02 GMT", RuleStamp},
		{"March 3rd, 2017 10am", RuleStamp},
		// Kept.
		{"Published reports said the minister resigned.", ""},
		{"Updated figures show 12 people died in the floods.", ""},
		{"Published in 2014, the study found no link.", ""},
		{"Posted by Jane Doe", ""},
		{"10:42 GMT", ""},     // a live-blog entry time dates the entry
		{"15 March 2017", ""}, // a bare date is kept
		{"May 2017 was the wettest month on record.", ""},
		{"March 3 - 5", ""},
	})
}

func TestWholeLineOnly(t *testing.T) {
	// Chrome words inside story sentences never remove anything.
	in := "Police said they would print the list of names on Friday.\n" +
		"Share prices tumbled, and traders said the email was a fake.\n\n" +
		"\"Related parties\" were named in the filing, the court said."
	got, rem := Body(in)
	if got != in || rem != nil {
		t.Fatalf("Body changed story text: %q, %v", got, rem)
	}
}

func TestRemovedLinesCollapse(t *testing.T) {
	cases := []struct{ in, want string }{
		{"First paragraph.\n\nShare\n\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."},
		{"First line.\nShare\nSecond line.", "First line.\nSecond line."},
		{"First line.\nShare\n\nSecond paragraph.", "First line.\n\nSecond paragraph."},
		{"Share\n\nPrint\n\nStory.\n\nAdvertisement\n\n", "Story."},
		{"Share\nPrint", ""},
	}
	for _, c := range cases {
		if got, _ := Body(c.in); got != c.want {
			t.Errorf("Body(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
