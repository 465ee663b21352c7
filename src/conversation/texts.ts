/**
 * Every sentence the bot says to a user, in one place, in clear Dutch (jij-vorm, as the handbook).
 * Code elsewhere never writes user-facing text itself.
 */
export const texts = {
  botName: "Wegwijzer",
  answerIntro: (n: number) => (n === 1 ? "Dit thema uit het handboek past bij je vraag:" : "Deze onderdelen uit het handboek passen bij je vraag:"),
  didYouMean: "Bedoel je misschien:",
  noAnswer:
    "Daar heb ik geen goed antwoord op: het handboek van de gemeentesecretaris gaat daar niet over. " +
    "Kijk voor zo'n vraag op de website van je gemeente, in het personeelsportaal of vraag het een collega van de betreffende afdeling.",
  noAnswerWithSuggestions:
    "Ik weet niet zeker of het handboek hier antwoord op geeft. Misschien heb je hier iets aan:",
  empty: "Je bericht is leeg. Stel gerust een vraag, bijvoorbeeld: \"Hoe werk ik goed samen met de griffier?\" Typ *help* voor meer.",
  tooLong: (max: number) => `Je bericht is te lang. Houd je vraag korter dan ${max} tekens, dan zoek ik het juiste thema voor je.`,
  notText: "Ik kan alleen tekst lezen. Stel je vraag in een paar woorden of zinnen.",
  greeting:
    "Hallo! Ik ben Wegwijzer, je vraagbaak uit het handboek van de gemeentesecretaris. Stel je vraag in gewone woorden, of typ *help*.",
  welcome:
    "Welkom bij Wegwijzer! Ik zoek voor je het juiste thema uit de *Wegwijzer voor de Gemeentesecretaris*, de lessen uit *Leren Decentraliseren* en de agenda uit *De uitvoering op z'n kop!*. Stel gewoon je vraag.",
  help: [
    "*Wat ik doe*: ik zoek bij je vraag het passende thema uit het handboek van de gemeentesecretaris, met de passage die ertoe doet en de bron.",
    "*Voorbeelden*: \"Hoe ga ik om met een wethouder die zich met benoemingen bemoeit?\" · \"regionale samenwerking loopt slecht\" · \"thema 45\"",
    "*Opdrachten*: `thema 12` of `#12` opent een thema · `les 3` een les uit Leren Decentraliseren · `agenda 2` een agendathema · `themas` toont alle thema's · `les` toont de les van de week",
    "*Les van de week*: `abonneer` (standaard maandag 8:30) of `abonneer dinsdag 9:00` · `pauzeer 3 weken` · `hervat` · `stop` · `status`",
    "*Leeragenda* (in een privégesprek): `noteer <je reflectie>` · `leeragenda` · `mijn gegevens` · `vergeet mij`",
  ].join("\n"),
  homeAbout:
    "*Wegwijzer* geeft je op het moment dat je het nodig hebt de juiste bladzijde uit het handboek van de gemeentesecretaris. Stuur me een privébericht, noem @Wegwijzer in een kanaal of gebruik `/wegwijzer`.",
  listHeader: (title: string) => `*${title}*`,
  unitIntro: "Hier is het onderdeel dat je vroeg:",
  unknownUnit: "Dat onderdeel bestaat niet. De Wegwijzer heeft thema 1 tot en met 100, Leren Decentraliseren les 1 tot en met 7 en de agenda thema 1 tot en met 4.",
  readMore: "Lees verder",
  readWholeTheme: "Lees het hele thema",
  shortened: "(ingekort, lees verder voor de volledige tekst)",
  followUpsHeader: "Vraag ook:",
  reflectionHeader: "Reflectievraag voor deze week:",
  feedbackUp: "👍 Nuttig",
  feedbackDown: "👎 Niet nuttig",
  feedbackThanks: "Dank je voor je feedback! Daarmee maken we de antwoorden beter.",
  feedbackSorry: "Jammer dat dit niet hielp. Probeer je vraag anders te formuleren, of kijk bij de suggesties.",
  source: (book: string, label: string, chapter?: string) => `Bron: ${book}, ${label}${chapter ? ` (${chapter})` : ""}`,
  citationTheme: (n: number) => `thema ${n}`,
  citationLesson: (n: number) => `les ${n}`,
  citationAgenda: (n: number) => `agendathema ${n}`,
  notAvailable: "Dat kan ik hier nog niet. Typ *help* voor wat wel kan.",
  error: "Er ging iets mis bij het beantwoorden. Probeer het zo nog eens.",
  terminal: {
    prompt: "jij> ",
    intro: "Wegwijzer in de terminal. Stel je vraag, typ een nummer om een vervolgvraag te stellen, *help* voor uitleg of *stoppen* om af te sluiten.",
    notConfigured: (platform: string, vars: string) => `${platform} is niet ingesteld: zet ${vars} (zie .env.example) om Wegwijzer in ${platform} te gebruiken.`,
    bye: "Tot ziens!",
    quitWords: ["stoppen", "stop chat", "exit", "quit", "doei", "einde"],
  },
} as const;
