package exchange

import "strings"

// countryTable lists the countries and territories of dyad's actor knowledge base: the CAMEO
// country code (ISO 3166-1 alpha-3, XKX for Kosovo), the FIPS 10-4 code that GDELT's geographic
// columns use, and a short English name. Written by the dyad team from public facts. A territory
// without a FIPS code of its own has "-".
const countryTable = `
AFG AF Afghanistan
ALA - Aland Islands
ALB AL Albania
DZA AG Algeria
ASM AQ American Samoa
AND AN Andorra
AGO AO Angola
AIA AV Anguilla
ATA AY Antarctica
ATG AC Antigua and Barbuda
ARG AR Argentina
ARM AM Armenia
ABW AA Aruba
AUS AS Australia
AUT AU Austria
AZE AJ Azerbaijan
BHS BF Bahamas
BHR BA Bahrain
BGD BG Bangladesh
BRB BB Barbados
BLR BO Belarus
BEL BE Belgium
BLZ BH Belize
BEN BN Benin
BMU BD Bermuda
BTN BT Bhutan
BOL BL Bolivia
BES - Caribbean Netherlands
BIH BK Bosnia and Herzegovina
BWA BC Botswana
BVT BV Bouvet Island
BRA BR Brazil
IOT IO British Indian Ocean Territory
VGB VI British Virgin Islands
BRN BX Brunei
BGR BU Bulgaria
BFA UV Burkina Faso
BDI BY Burundi
CPV CV Cape Verde
KHM CB Cambodia
CMR CM Cameroon
CAN CA Canada
CYM CJ Cayman Islands
CAF CT Central African Republic
TCD CD Chad
CHL CI Chile
CHN CH China
CXR KT Christmas Island
CCK CK Cocos Islands
COL CO Colombia
COM CN Comoros
COG CF Republic of the Congo
COD CG Democratic Republic of the Congo
COK CW Cook Islands
CRI CS Costa Rica
CIV IV Ivory Coast
HRV HR Croatia
CUB CU Cuba
CUW UC Curacao
CYP CY Cyprus
CZE EZ Czech Republic
DNK DA Denmark
DJI DJ Djibouti
DMA DO Dominica
DOM DR Dominican Republic
ECU EC Ecuador
EGY EG Egypt
SLV ES El Salvador
GNQ EK Equatorial Guinea
ERI ER Eritrea
EST EN Estonia
SWZ WZ Swaziland
ETH ET Ethiopia
FLK FK Falkland Islands
FRO FO Faroe Islands
FJI FJ Fiji
FIN FI Finland
FRA FR France
GUF FG French Guiana
PYF FP French Polynesia
ATF FS French Southern and Antarctic Lands
GAB GB Gabon
GMB GA Gambia
GEO GG Georgia
DEU GM Germany
GHA GH Ghana
GIB GI Gibraltar
GRC GR Greece
GRL GL Greenland
GRD GJ Grenada
GLP GP Guadeloupe
GUM GQ Guam
GTM GT Guatemala
GGY GK Guernsey
GIN GV Guinea
GNB PU Guinea-Bissau
GUY GY Guyana
HTI HA Haiti
HMD HM Heard Island and McDonald Islands
VAT VT Vatican City
HND HO Honduras
HKG HK Hong Kong
HUN HU Hungary
ISL IC Iceland
IND IN India
IDN ID Indonesia
IRN IR Iran
IRQ IZ Iraq
IRL EI Ireland
IMN IM Isle of Man
ISR IS Israel
ITA IT Italy
JAM JM Jamaica
JPN JA Japan
JEY JE Jersey
JOR JO Jordan
KAZ KZ Kazakhstan
KEN KE Kenya
KIR KR Kiribati
PRK KN North Korea
KOR KS South Korea
XKX KV Kosovo
KWT KU Kuwait
KGZ KG Kyrgyzstan
LAO LA Laos
LVA LG Latvia
LBN LE Lebanon
LSO LT Lesotho
LBR LI Liberia
LBY LY Libya
LIE LS Liechtenstein
LTU LH Lithuania
LUX LU Luxembourg
MAC MC Macau
MDG MA Madagascar
MWI MI Malawi
MYS MY Malaysia
MDV MV Maldives
MLI ML Mali
MLT MT Malta
MHL RM Marshall Islands
MTQ MB Martinique
MRT MR Mauritania
MUS MP Mauritius
MYT MF Mayotte
MEX MX Mexico
FSM FM Micronesia
MDA MD Moldova
MCO MN Monaco
MNG MG Mongolia
MNE MJ Montenegro
MSR MH Montserrat
MAR MO Morocco
MOZ MZ Mozambique
MMR BM Myanmar
NAM WA Namibia
NRU NR Nauru
NPL NP Nepal
NLD NL Netherlands
NCL NC New Caledonia
NZL NZ New Zealand
NIC NU Nicaragua
NER NG Niger
NGA NI Nigeria
NIU NE Niue
NFK NF Norfolk Island
MKD MK Macedonia
MNP CQ Northern Mariana Islands
NOR NO Norway
OMN MU Oman
PAK PK Pakistan
PLW PS Palau
PSE WE Palestine
PAN PM Panama
PNG PP Papua New Guinea
PRY PA Paraguay
PER PE Peru
PHL RP Philippines
PCN PC Pitcairn Islands
POL PL Poland
PRT PO Portugal
PRI RQ Puerto Rico
QAT QA Qatar
REU RE Reunion
ROU RO Romania
RUS RS Russia
RWA RW Rwanda
BLM TB Saint Barthelemy
SHN SH Saint Helena
KNA SC Saint Kitts and Nevis
LCA ST Saint Lucia
MAF RN Saint Martin
SPM SB Saint Pierre and Miquelon
VCT VC Saint Vincent and the Grenadines
WSM WS Samoa
SMR SM San Marino
STP TP Sao Tome and Principe
SAU SA Saudi Arabia
SEN SG Senegal
SRB RI Serbia
SYC SE Seychelles
SLE SL Sierra Leone
SGP SN Singapore
SXM NN Sint Maarten
SVK LO Slovakia
SVN SI Slovenia
SLB BP Solomon Islands
SOM SO Somalia
ZAF SF South Africa
SGS SX South Georgia and the South Sandwich Islands
SSD OD South Sudan
ESP SP Spain
LKA CE Sri Lanka
SDN SU Sudan
SUR NS Suriname
SJM SV Svalbard
SWE SW Sweden
CHE SZ Switzerland
SYR SY Syria
TWN TW Taiwan
TJK TI Tajikistan
TZA TZ Tanzania
THA TH Thailand
TLS TT East Timor
TGO TO Togo
TKL TL Tokelau
TON TN Tonga
TTO TD Trinidad and Tobago
TUN TS Tunisia
TUR TU Turkey
TKM TX Turkmenistan
TCA TK Turks and Caicos Islands
TUV TV Tuvalu
UGA UG Uganda
UKR UP Ukraine
ARE AE United Arab Emirates
GBR UK United Kingdom
USA US United States
UMI - United States Minor Outlying Islands
URY UY Uruguay
UZB UZ Uzbekistan
VUT NH Vanuatu
VEN VE Venezuela
VNM VM Vietnam
VIR VQ United States Virgin Islands
WLF WF Wallis and Futuna
ESH WI Western Sahara
YEM YM Yemen
ZMB ZA Zambia
ZWE ZI Zimbabwe
`

// fipsAliases maps FIPS codes that name part of a country in GDELT to that country.
var fipsAliases = map[string]string{
	"GZ": "PSE", // Gaza Strip
}

// regionCodes are CAMEO's regional "country" codes; GDELT puts them in the CountryCode column.
var regionCodes = setOf("AFR ASA BAL BLK CAM CAS CAU CEU CFR CRB EAF EEU EIN EUR LAM MDT MEA NAF NMR PGS SAF SAM SAS SCN SEA WAF WEU WST")

type country struct{ code, fips, name string }

var (
	countries     = map[string]country{} // by CAMEO code
	countryByFIPS = map[string]string{}  // FIPS → CAMEO code
)

func init() {
	for line := range strings.SplitSeq(strings.TrimSpace(countryTable), "\n") {
		f := strings.SplitN(line, " ", 3)
		c := country{code: f[0], fips: f[1], name: f[2]}
		if c.fips == "-" {
			c.fips = ""
		} else {
			countryByFIPS[c.fips] = c.code
		}
		countries[c.code] = c
	}
	for f, c := range fipsAliases {
		countryByFIPS[f] = c
	}
}

// FIPSOf returns the FIPS 10-4 code of a CAMEO country code ("RS" for "RUS"), or "" when the
// code is not a country's or the territory has no FIPS code.
func FIPSOf(code string) string { return countries[code].fips }

// CountryOfFIPS returns the CAMEO country code of a FIPS 10-4 code ("RUS" for "RS"), or "".
func CountryOfFIPS(fips string) string { return countryByFIPS[fips] }

// isCountry reports whether a three-letter part of an actor code is a CAMEO country code.
func isCountry(c string) bool { _, ok := countries[c]; return ok }

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}
