package geo

// The tables below are written by hand: GeoNames has one English name
// per country and no demonyms. Codes are ISO 3166-1 alpha-2, as in
// countryInfo.

// countryAliases are the names news copy gives countries besides
// GeoNames' own, including the territories it writes of as countries.
var countryAliases = map[string][]string{
	"US": {"U.S.", "US", "USA", "U.S.A.", "United States of America", "America", "the States"},
	"GB": {"UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"},
	"PS": {"Palestine", "State of Palestine", "Palestinian territories", "Palestinian Territories", "occupied Palestinian territories", "Occupied Palestinian Territory", "Palestinian Authority"},
	"CI": {"Côte d'Ivoire", "Cote d'Ivoire"},
	"CZ": {"Czech Republic"},
	"NL": {"Netherlands", "Holland"},
	"MM": {"Burma"},
	"CD": {"DR Congo", "DRC", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire"},
	"CG": {"Congo", "Congo-Brazzaville", "Republic of Congo"},
	"AE": {"UAE", "U.A.E.", "Emirates"},
	"GM": {"The Gambia"},
	"BS": {"The Bahamas"},
	"VA": {"Vatican", "Vatican City", "Holy See"},
	"TL": {"East Timor"},
	"MK": {"Macedonia"},
	"SZ": {"Swaziland", "Eswatini"},
	"TR": {"Türkiye", "Turkiye"},
	"CV": {"Cape Verde"},
	"RU": {"Russian Federation"},
	"KR": {"Republic of Korea", "S. Korea"},
	"KP": {"DPRK", "Democratic People's Republic of Korea", "N. Korea"},
	"IR": {"Islamic Republic of Iran", "Persia"},
	"SY": {"Syrian Arab Republic"},
	"LA": {"Lao PDR"},
	"VN": {"Viet Nam"},
	"MD": {"Republic of Moldova"},
	"BO": {"Plurinational State of Bolivia"},
	"VE": {"Bolivarian Republic of Venezuela"},
	"TZ": {"United Republic of Tanzania"},
	"FM": {"Federated States of Micronesia"},
	"CN": {"PRC", "People's Republic of China", "mainland China"},
	"TW": {"Republic of China", "Chinese Taipei"},
	"SA": {"KSA", "Kingdom of Saudi Arabia"},
	"BA": {"Bosnia", "Bosnia-Herzegovina"},
	"MO": {"Macau"},
	"EH": {"Sahrawi Arab Democratic Republic"},
	"XK": {"Republic of Kosovo"},
	"ST": {"São Tomé and Príncipe"},
	"KN": {"St Kitts and Nevis", "St. Kitts and Nevis"},
	"LC": {"St Lucia", "St. Lucia"},
	"VC": {"St Vincent and the Grenadines", "St. Vincent and the Grenadines"},
}

// admin1Aliases are English names of first-order divisions that
// GeoNames spells in another language or not at all, keyed by GeoNames
// admin1 code. "Gaza" is the Strip: news copy rarely means the city alone.
var admin1Aliases = map[string][]string{
	"PS.GZ":  {"Gaza", "Gaza Strip", "the Gaza Strip"},
	"PS.WE":  {"occupied West Bank", "Judea and Samaria"},
	"LB.04":  {"Beirut Governorate"},
	"LB.05":  {"Mount Lebanon"},
	"LB.06":  {"South Lebanon"},
	"LB.09":  {"North Lebanon"},
	"LB.08":  {"Bekaa", "Bekaa Valley", "Beqaa Valley"},
	"LB.07":  {"Nabatieh governorate"},
	"SY.13":  {"Damascus Governorate"},
	"SY.08":  {"Rif Dimashq", "Damascus countryside", "Rural Damascus"},
	"SY.07":  {"Deir al-Zor", "Deir el-Zour"},
	"SY.04":  {"Raqqa province", "Raqqa governorate"},
	"SY.01":  {"Hasakah province", "Hasakah governorate"},
	"IQ.01":  {"Anbar", "Anbar province"},
	"IQ.15":  {"Nineveh", "Ninewa", "Nineveh Plains"},
	"IQ.18":  {"Salahuddin", "Salah al-Din", "Saladin"},
	"IQ.11":  {"Erbil Governorate"},
	"UA.11":  {"Crimea", "Crimean Peninsula"},
	"UA.13":  {"Kyiv Oblast", "Kyiv region", "Kiev region"},
	"UA.05":  {"Donetsk region"},
	"UA.14":  {"Luhansk region", "Lugansk region"},
	"UA.26":  {"Zaporizhzhia region", "Zaporozhye region"},
	"UA.08":  {"Kherson region"},
	"UA.07":  {"Kharkiv region", "Kharkiv Oblast"},
	"RU.41":  {"Kursk region"},
	"RU.09":  {"Belgorod region"},
	"IL.WE":  {"Judea and Samaria"},
	"YE.02":  {"Aden Governorate"},
	"YE.08":  {"Hodeidah province", "Hodeidah governorate"},
	"YE.04":  {"Hadramout", "Hadramawt", "Hadramaut"},
	"GB.ENG": {"England"},
	"GB.SCT": {"Scotland"},
	"GB.WLS": {"Wales"},
	"GB.NIR": {"Northern Ireland"},
}

// cityAliases are names news copy gives cities that GeoNames lists only
// among many alternates or not at all, keyed by GeoNames ID.
var cityAliases = map[string][]string{
	"5128581": {"New York", "NYC"},          // New York City
	"4140963": {"Washington, D.C.", "D.C."}, // Washington
	"281133":  {"Gaza City"},
	"278913":  {"Nabatieh", "Nabatiyeh", "Nabatiye"}, // Nabatîyé et Tahta                // Gaza
	"703448":  {"Kiev"},                              // Kyiv
	"1275339": {"Bombay"},                            // Mumbai
	"1566083": {"Saigon"},                            // Ho Chi Minh City
}

// demonyms are the adjectives of nationality (and their plural nouns,
// which are added where English forms them with -s: "Iranians"). A word
// belongs to one country: "Congolese" is DR Congo's.
var demonyms = map[string][]string{
	"AF": {"Afghan"}, "AL": {"Albanian"}, "DZ": {"Algerian"}, "AD": {"Andorran"},
	"AO": {"Angolan"}, "AR": {"Argentine", "Argentinian", "Argentinean"}, "AM": {"Armenian"},
	"AU": {"Australian"}, "AT": {"Austrian"}, "AZ": {"Azerbaijani", "Azeri"},
	"BS": {"Bahamian"}, "BH": {"Bahraini"}, "BD": {"Bangladeshi"}, "BB": {"Barbadian"},
	"BY": {"Belarusian", "Belarussian"}, "BE": {"Belgian"}, "BZ": {"Belizean"}, "BJ": {"Beninese"},
	"BT": {"Bhutanese"}, "BO": {"Bolivian"}, "BA": {"Bosnian"}, "BW": {"Botswanan", "Motswana", "Batswana"},
	"BR": {"Brazilian"}, "BN": {"Bruneian"}, "BG": {"Bulgarian"}, "BF": {"Burkinabe", "Burkinabè"},
	"BI": {"Burundian"}, "KH": {"Cambodian"}, "CM": {"Cameroonian"}, "CA": {"Canadian"},
	"CV": {"Cape Verdean"}, "CF": {"Central African"}, "TD": {"Chadian"}, "CL": {"Chilean"},
	"CN": {"Chinese"}, "CO": {"Colombian"}, "KM": {"Comoran", "Comorian"}, "CD": {"Congolese"},
	"CR": {"Costa Rican"}, "CI": {"Ivorian"}, "HR": {"Croatian", "Croat"}, "CU": {"Cuban"},
	"CY": {"Cypriot"}, "CZ": {"Czech"}, "DK": {"Danish", "Dane"}, "DJ": {"Djiboutian"},
	"DO": {"Dominican"}, "EC": {"Ecuadorian", "Ecuadorean"}, "EG": {"Egyptian"}, "SV": {"Salvadoran", "Salvadorean"},
	"GQ": {"Equatoguinean", "Equatorial Guinean"}, "ER": {"Eritrean"}, "EE": {"Estonian"}, "ET": {"Ethiopian"},
	"FJ": {"Fijian"}, "FI": {"Finnish", "Finn"}, "FR": {"French", "Frenchman", "Frenchwoman"}, "GA": {"Gabonese"},
	"GM": {"Gambian"}, "GE": {"Georgian"}, "DE": {"German"}, "GH": {"Ghanaian"},
	"GR": {"Greek"}, "GD": {"Grenadian"}, "GT": {"Guatemalan"}, "GN": {"Guinean"},
	"GW": {"Bissau-Guinean"}, "GY": {"Guyanese"}, "HT": {"Haitian"}, "HN": {"Honduran"},
	"HK": {"Hongkonger"}, "HU": {"Hungarian"}, "IS": {"Icelandic", "Icelander"}, "IN": {"Indian"},
	"ID": {"Indonesian"}, "IR": {"Iranian", "Persian"}, "IQ": {"Iraqi"}, "IE": {"Irish", "Irishman", "Irishwoman"},
	"IL": {"Israeli"}, "IT": {"Italian"}, "JM": {"Jamaican"}, "JP": {"Japanese"},
	"JO": {"Jordanian"}, "KZ": {"Kazakh", "Kazakhstani"}, "KE": {"Kenyan"}, "KW": {"Kuwaiti"},
	"KG": {"Kyrgyz", "Kirghiz"}, "LA": {"Laotian", "Lao"}, "LV": {"Latvian"}, "LB": {"Lebanese"},
	"LS": {"Basotho", "Mosotho"}, "LR": {"Liberian"}, "LY": {"Libyan"}, "LI": {"Liechtensteiner"},
	"LT": {"Lithuanian"}, "LU": {"Luxembourgish", "Luxembourger"}, "MG": {"Malagasy"}, "MW": {"Malawian"},
	"MY": {"Malaysian"}, "MV": {"Maldivian"}, "ML": {"Malian"}, "MT": {"Maltese"},
	"MR": {"Mauritanian"}, "MU": {"Mauritian"}, "MX": {"Mexican"}, "MD": {"Moldovan"},
	"MC": {"Monegasque"}, "MN": {"Mongolian"}, "ME": {"Montenegrin"}, "MA": {"Moroccan"},
	"MZ": {"Mozambican"}, "MM": {"Burmese", "Myanmar"}, "NA": {"Namibian"}, "NP": {"Nepali", "Nepalese"},
	"NL": {"Dutch", "Dutchman", "Dutchwoman"}, "NZ": {"New Zealander", "Kiwi"}, "NI": {"Nicaraguan"}, "NE": {"Nigerien"},
	"NG": {"Nigerian"}, "KP": {"North Korean"}, "MK": {"Macedonian", "North Macedonian"}, "NO": {"Norwegian"},
	"OM": {"Omani"}, "PK": {"Pakistani"}, "PS": {"Palestinian"}, "PA": {"Panamanian"},
	"PG": {"Papua New Guinean"}, "PY": {"Paraguayan"}, "PE": {"Peruvian"}, "PH": {"Filipino", "Philippine", "Filipina"},
	"PL": {"Polish", "Pole"}, "PT": {"Portuguese"}, "PR": {"Puerto Rican"}, "QA": {"Qatari"},
	"RO": {"Romanian"}, "RU": {"Russian"}, "RW": {"Rwandan"}, "SA": {"Saudi", "Saudi Arabian"},
	"SN": {"Senegalese"}, "RS": {"Serbian", "Serb"}, "SC": {"Seychellois"}, "SL": {"Sierra Leonean"},
	"SG": {"Singaporean"}, "SK": {"Slovak", "Slovakian"}, "SI": {"Slovenian", "Slovene"}, "SB": {"Solomon Islander"},
	"SO": {"Somali"}, "ZA": {"South African"}, "KR": {"South Korean"}, "SS": {"South Sudanese"},
	"ES": {"Spanish", "Spaniard"}, "LK": {"Sri Lankan"}, "SD": {"Sudanese"}, "SR": {"Surinamese"},
	"SZ": {"Swazi", "Emaswati"}, "SE": {"Swedish", "Swede"}, "CH": {"Swiss"}, "SY": {"Syrian"},
	"TW": {"Taiwanese"}, "TJ": {"Tajik", "Tajikistani"}, "TZ": {"Tanzanian"}, "TH": {"Thai"},
	"TL": {"Timorese", "East Timorese"}, "TG": {"Togolese"}, "TO": {"Tongan"}, "TT": {"Trinidadian", "Tobagonian"},
	"TN": {"Tunisian"}, "TR": {"Turkish", "Turk"}, "TM": {"Turkmen"}, "UG": {"Ugandan"},
	"UA": {"Ukrainian"}, "AE": {"Emirati"}, "GB": {"British", "Briton", "Brit", "UK"}, "US": {"American", "U.S.", "US"},
	"UY": {"Uruguayan"}, "UZ": {"Uzbek", "Uzbekistani"}, "VU": {"Ni-Vanuatu"}, "VE": {"Venezuelan"},
	"VN": {"Vietnamese"}, "YE": {"Yemeni", "Yemenite"}, "ZM": {"Zambian"}, "ZW": {"Zimbabwean"},
	"XK": {"Kosovar", "Kosovan"}, "EH": {"Sahrawi", "Western Saharan"}, "GL": {"Greenlandic", "Greenlander"},
}
