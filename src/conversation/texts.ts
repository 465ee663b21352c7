/**
 * Every sentence the bot says to a user, in one place, in clear Dutch (jij-vorm, as the handbook).
 * Code elsewhere never writes user-facing text itself.
 */
export const texts = {
  answerIntro: (n: number) =>
    n === 1 ? "Dit thema uit het handboek past bij je vraag:" : "Deze onderdelen uit het handboek passen bij je vraag:",
  didYouMean: "Bedoel je misschien:",
  noAnswer:
    "Daar heb ik geen goed antwoord op: het handboek van de gemeentesecretaris gaat daar niet over. " +
    "Kijk voor zo'n vraag op de website van je gemeente, in het personeelsportaal of vraag het een collega van de betreffende afdeling.",
  noAnswerPractice:
    "Daar geeft het handboek geen antwoord op: het gaat over jouw rol als gemeentesecretaris, niet over regels, termijnen of de uitvoering van gemeentelijke taken. " +
    "Zo'n vraag kun je kwijt bij de VNG (vng.nl en de VNG Kennisbank) of bij de experts in je eigen organisatie: de jurist, P&O, financiën of ICT.",
  noAnswerChitchat:
    "Daar kan ik je niet mee helpen, maar stel me gerust een vraag over je werk als gemeentesecretaris.",
  clarify: (a: string, b: string) => `Bedoel je ${a} of ${b}? Kies wat het beste past.`,
  noAnswerWithSuggestions: "Ik weet niet zeker of het handboek hier antwoord op geeft. Misschien heb je hier iets aan:",
  empty:
    'Je bericht is leeg. Stel gerust een vraag, bijvoorbeeld: "Hoe werk ik goed samen met de griffier?" Typ *help* voor meer.',
  tooLong: (max: number) =>
    `Je bericht is te lang. Houd je vraag korter dan ${max} tekens, dan zoek ik het juiste thema voor je.`,
  notText: "Ik kan alleen tekst lezen. Stel je vraag in een paar woorden of zinnen.",
  greeting:
    "Hallo! Ik ben Wegwijzer, je vraagbaak uit het handboek van de gemeentesecretaris. Stel je vraag in gewone woorden, of typ *help*.",
  welcome:
    "Welkom bij Wegwijzer! Ik zoek voor je het juiste thema uit de *Wegwijzer voor de Gemeentesecretaris*, de lessen uit *Leren Decentraliseren* en de agenda uit *De uitvoering op z'n kop!*. Stel gewoon je vraag.",
  help: [
    "*Wat ik doe*: ik zoek bij je vraag het passende thema uit het handboek van de gemeentesecretaris, met de passage die ertoe doet en de bron.",
    '*Voorbeelden*: "Hoe ga ik om met een wethouder die zich met benoemingen bemoeit?" · "regionale samenwerking loopt slecht" · "thema 45"',
    "*Opdrachten*: `thema 12` of `#12` opent een thema · `les 3` een les uit Leren Decentraliseren · `agenda 2` een agendathema · `themas` toont alle thema's · `les` toont de les van de week",
    "*Les van de week*: `abonneer` (standaard maandag 8:30) of `abonneer dinsdag 9:00` · `abonneer zonder kalender` (vaste volgorde, niet het gemeentelijk jaar) · `pauzeer 3 weken` · `hervat` · `stop` · `status`",
    '*Regio*: `regio koppel <naam>` in het kanaal van je regionale team · `regio` · na een antwoord in een privégesprek: "Vraag het je regio" (anoniem, pas na jouw bevestiging)',
    "*Leeragenda* (in een privégesprek): `noteer <je reflectie>` · `leeragenda` · `mijn gegevens` · `vergeet mij`",
    "*In een kanaal of groepsgesprek*: noem @Wegwijzer in je bericht, anders lees ik het niet.",
  ].join("\n"),
  homeAbout:
    "*Wegwijzer* geeft je op het moment dat je het nodig hebt de juiste bladzijde uit het handboek van de gemeentesecretaris. Stuur me een privébericht, noem @Wegwijzer in een kanaal of gebruik `/wegwijzer`.",
  unitIntro: "Hier is het onderdeel dat je vroeg:",
  unknownUnit:
    "Dat onderdeel bestaat niet. De Wegwijzer heeft thema 1 tot en met 100, Leren Decentraliseren les 1 tot en met 7 en de agenda thema 1 tot en met 4.",
  readMore: "Lees verder",
  readWholeTheme: "Lees het hele thema",
  readUnit: (label: string) => `Lees ${label} helemaal`,
  shortened: "(ingekort, lees verder voor de volledige tekst)",
  followUpsHeader: "Vraag ook:",
  reflectionHeader: "Reflectievraag voor deze week:",
  feedbackUp: "👍 Nuttig",
  feedbackDown: "👎 Niet nuttig",
  feedbackGivenUp: "Bedankt voor je feedback: je vond dit nuttig.",
  feedbackGivenDown:
    "Bedankt voor je feedback: je vond dit niet nuttig. Probeer je vraag anders te formuleren, of kijk bij de suggesties.",
  feedbackChangeUp: "Toch nuttig",
  feedbackChangeDown: "Toch niet nuttig",
  feedbackNoAnswer: "Geef feedback met 👍 of 👎 direct na een antwoord; dan weet ik over welk antwoord het gaat.",
  clickAnswered: "Mijn antwoord staat hieronder.",
  youAsked: (question: string) => `Je vroeg: ${question}`,
  listOpen: "Typ `thema 12`, `les 3` of `agenda 2` om een onderdeel te openen.",
  unitOutOfRange: (kind: string, n: number, max: number) =>
    `${kind} ${n} bestaat niet: kies ${kind} 1 tot en met ${max}.`,
  noSuchChoice: (n: number, max: number) =>
    max === 0
      ? `Er staat nu geen lijst met keuzes, dus ${n} kan ik niet kiezen. Stel gerust een vraag.`
      : `Kies een nummer van 1 tot en met ${max}, of stel een nieuwe vraag.`,
  feedbackThanks: "Dank je voor je feedback! Daarmee maken we de antwoorden beter.",
  feedbackSorry: "Jammer dat dit niet hielp. Probeer je vraag anders te formuleren, of kijk bij de suggesties.",
  source: (book: string, label: string, chapter?: string) => `Bron: ${book}, ${label}${chapter ? ` (${chapter})` : ""}`,
  citationTheme: (n: number) => `thema ${n}`,
  citationLesson: (n: number) => `les ${n}`,
  citationAgenda: (n: number) => `agendathema ${n}`,
  notAvailable: "Dat kan ik hier nog niet. Typ *help* voor wat wel kan.",
  error: "Er ging iets mis bij het beantwoorden. Probeer het zo nog eens.",
  unavailable: "Dat lukt nu even niet, probeer het over een paar minuten.",
  lessons: {
    header: (title: string) => `*Les van de week*: ${title}`,
    readTheme: "Lees het hele thema",
    discuss: "Bespreek in thread",
    note: "Noteer je reflectie",
    pause: "Pauzeer",
    unsubscribe: "Afmelden",
    subscribeButton: "Abonneer op de les van de week",
    discussPrompt: (title: string, reflection: string) =>
      `*Bespreek met elkaar: ${title}*\n${reflection}\nReageer in deze thread: wat herken je, wat doe jij anders?`,
    subscribed: (when: string, zone: string, track: string, first: string) =>
      `Je bent geabonneerd op de les van de week: elke ${when} (${zone})${track === "starter" ? ", met de starterslijn voor nieuwe secretarissen" : ""}. De eerste les komt ${first}.`,
    announceSubscribed: (user: string, when: string) =>
      `${user} heeft dit kanaal geabonneerd op de les van de week: elke ${when}. Typ \`status\` voor details of \`stop\` om af te melden.`,
    announcePaused: (user: string, until: string) =>
      `${user} heeft de les van de week in dit kanaal gepauzeerd tot ${until}.`,
    announceResumed: (user: string) => `${user} heeft de les van de week in dit kanaal hervat.`,
    announceStopped: (user: string) => `${user} heeft dit kanaal afgemeld voor de les van de week.`,
    someone: "Iemand",
    changedSince: "Het abonnement van dit gesprek is veranderd sinds dit bericht. Zo staat het nu:",
    doAnyway: "Toch doen",
    /** where the announcing user's mention goes; each platform puts its own mention there */
    announcer: "\u0002",
    badSubscribe: (word: string) =>
      `Dat begrijp ik niet: "${word}". Zo abonneer je: \`abonneer\` (maandag 8:30), \`abonneer dinsdag 9:00\`, \`abonneer vrijdag 16:30 Europe/Brussels\` of \`abonneer starter\`.`,
    badPause: "Pauzeer voor 1 tot 52 weken, bijvoorbeeld: `pauzeer 3 weken`.",
    notSubscribed: "Dit gesprek heeft geen abonnement op de les van de week. Typ `abonneer` om er een te nemen.",
    paused: (until: string) =>
      `De les van de week is gepauzeerd tot ${until}. Typ \`hervat\` om eerder verder te gaan.`,
    resumed: (next: string) => `De les van de week gaat weer door. De volgende les komt ${next}.`,
    stopped: "Je bent afgemeld voor de les van de week. Met `abonneer` begin je weer waar je was.",
    status: (when: string, zone: string, track: string, had: number, total: number, next: string) =>
      `Abonnement op de les van de week: elke ${when} (${zone}), ${track === "starter" ? "starterslijn" : "standaardvolgorde"}. Je had ${had} van de ${total} lessen. Volgende les: ${next}.`,
    statusPaused: (until: string) => `Gepauzeerd tot ${until}.`,
    statusStopped: (reason: string) => `Het abonnement staat stil (${reason}). Typ \`abonneer\` om weer te beginnen.`,
    reasons: { stopped: "afgemeld", platform: (code: string) => `de les kon niet worden bezorgd: ${code}` } as const,
    notHere:
      "In de terminal kan ik geen les van de week bezorgen: abonneer in Slack of Teams. Typ `les` om de les van deze week te lezen.",
    noteInDirectOnly: "Reflecties noteer je in een privégesprek met mij, zodat ze van jou blijven.",
    noteHow:
      "Typ `noteer` gevolgd door je reflectie, bijvoorbeeld: `noteer Ik wil vaker vooraf met de burgemeester afstemmen.`",
    noteHowFor: (lesson: string) =>
      `Typ \`noteer\` gevolgd door je reflectie; ik zet hem bij ${lesson}. Bijvoorbeeld: \`noteer Ik wil vaker vooraf met de burgemeester afstemmen.\``,
    noted: (lesson: string | undefined) =>
      `Genoteerd in je leeragenda${lesson ? ` bij ${lesson}` : ""}. Typ \`leeragenda\` om je notities te zien.`,
    agendaEmpty: "Je leeragenda is nog leeg. Noteer een reflectie met `noteer …`, bijvoorbeeld na de les van de week.",
    agendaHeader: "*Je leeragenda*",
    agendaLine: (date: string, lesson: string, text: string) => `${date} · ${lesson}: ${text}`,
    agendaNoLesson: "los genoteerd",
    privacy: (notes: number, subscriptions: number, conversations: number) =>
      `Dit bewaar ik over jou: ${notes} notitie(s) in je leeragenda, ${subscriptions} abonnement(en) die jij hebt gestart en ${conversations} privégesprek(ken) met mij (alleen hoe ik je kan bereiken).`,
    privacyRegions: (regions: string) =>
      `Je bent gekoppeld aan ${regions}: je bent lid van het kanaal van die regio, daarom kan ik je "Vraag het je regio" aanbieden.`,
    privacyNoRegions: "Je bent niet gekoppeld aan een regio.",
    privacyRegionalQuestions: (count: number, list: string) =>
      `Je stelde ${count} ${count === 1 ? "vraag" : "vragen"} via "vraag het de regio" (${list}). Daarvan bewaar ik de regio, de thread en de thema's, niet je vraag zelf; antwoorden in de thread stuur ik naar je door.`,
    privacyRegionalQuestion: (region: string, date: string, anonymous: boolean, replies: number) =>
      `${region}, ${date}, ${anonymous ? "anoniem" : "met je naam"}, ${replies} ${replies === 1 ? "antwoord" : "antwoorden"} doorgestuurd`,
    privacyForget: "Typ `vergeet mij` om alles te verwijderen.",
    privacyNoReviewQueue: "Je vragen bewaar ik niet; feedback (👍/👎) alleen zonder naam en zonder de vraag.",
    privacyReviewQueue: (days: number) =>
      `Vragen waarop ik geen goed antwoord had, antwoorden met een 👎 en je keuze bij "bedoel je" bewaar ik ${days} dagen voor de redactie van het handboek: zonder je naam of account, en met namen, e-mailadressen, telefoonnummers en andere nummers eruit gehaald.`,
    forgetConfirm:
      "Weet je het zeker? Ik verwijder dan je leeragenda, je privégesprek met mij en je abonnement daarin, je koppelingen aan regio's en je vragen aan de regio (antwoorden daarop stuur ik je dan niet meer door). Dit kan niet ongedaan worden gemaakt. Typ *ja* of *nee*, of kies hieronder.",
    forgetExpired: "Er staat geen verwijderverzoek open. Typ `vergeet mij` als je alles wilt laten verwijderen.",
    forgetButton: "Vergeet mij",
    forgetYes: "Ja, verwijder alles",
    forgetNo: "Nee, niets doen",
    forgotten: "Klaar: alles wat ik over jou bewaarde is verwijderd.",
    forgetCancelled: "Goed, er is niets verwijderd.",
    homeSubscription: "*Jouw les van de week*",
  },
  calendar: {
    /** days from today to an event: "Over vier weken zijn de gemeenteraadsverkiezingen." */
    countdown: (days: number, event: string) => {
      const words = [
        "nul",
        "een",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "dertien",
        "veertien",
        "vijftien",
        "zestien",
        "zeventien",
        "achttien",
        "negentien",
        "twintig",
      ];
      const word = (n: number) => words[n] ?? String(n);
      const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
      const span = (d: number) =>
        d > 20 * 7 ? `${word(Math.round(d / 30.4))} maanden` : `${word(Math.round(d / 7))} weken`;
      if (days === 0) return `Vandaag zijn ${event}.`;
      if (days === 1) return `Morgen zijn ${event}.`;
      if (days === -1) return `Gisteren waren ${event}.`;
      if (days > 0 && days < 7) return `Over ${word(days)} dagen zijn ${event}.`;
      if (days < 0 && days > -7) return `${cap(word(-days))} dagen geleden waren ${event}.`;
      if (days > 0)
        return Math.round(days / 7) === 1 ? `Volgende week zijn ${event}.` : `Over ${span(days)} zijn ${event}.`;
      return Math.round(-days / 7) === 1
        ? `Vorige week waren ${event}.`
        : `${cap(span(-days))} geleden waren ${event}.`;
    },
    why: (text: string) => `*Waarom nu?* ${text}`,
    statusOn:
      "De les volgt het gemeentelijk jaar (verkiezingen, voorjaarsnota, zomerreces, begroting). Typ `abonneer zonder kalender` om alleen de vaste volgorde te krijgen.",
    statusOff:
      "De les volgt de vaste volgorde, zonder de kalender van het gemeentelijk jaar. Typ `abonneer` met je dag en tijd om de kalender weer aan te zetten.",
    subscribedOff: "Zonder kalender: je krijgt de lessen in de vaste volgorde.",
  },
  share: {
    /** the lead of a theme card shared from the compose box or a shortcut */
    intro: "Uit de Wegwijzer voor de gemeentesecretaris:",
    typeQuestion: 'Typ je vraag of een paar woorden, bijvoorbeeld "samenwerking met de griffier".',
    nothingFound: "Daar vond ik geen thema bij in het handboek. Probeer het met andere woorden.",
    results: (n: number) =>
      n === 1
        ? "Dit thema past bij je vraag. Alleen jij ziet dit; deel het als je wilt."
        : "Deze thema's passen bij je vraag. Alleen jij ziet dit; deel wat je wilt.",
    shareButton: "Deel in het kanaal",
    shared: "Gedeeld in het kanaal.",
    gone: "Dat thema kon ik niet meer vinden. Zoek het opnieuw.",
    modalTitle: "Zoek in de Wegwijzer",
    modalSubmit: "Zoek",
    modalClose: "Annuleer",
    modalQuestion: "Je vraag",
    modalQuestionHint: "Bijvoorbeeld: hoe bereid ik de collegeonderhandelingen voor?",
    modalChannel: "Toon het antwoord in",
    noMessageText:
      "Dit bericht heeft geen tekst om mee te zoeken. Gebruik de snelkoppeling zonder bericht en typ je vraag.",
  },
  regional: {
    offer: "Vraag het je regio",
    linked: (name: string) =>
      `Dit kanaal is nu het kanaal van *${name}*. Collega's uit de regio kunnen hier vanuit hun privégesprek met mij een vraag stellen (anoniem, tenzij ze anders kiezen). Typ \`regio\` om dit te zien, \`regio digest aan\` voor een wekelijks overzicht.`,
    linkHow:
      "Koppel een kanaal aan je regio met `regio koppel <naam>`, bijvoorbeeld `regio koppel Regio Twente`, in dat kanaal zelf.",
    linkInChannel: "Een regio koppel je in het kanaal van je regionale team zelf, niet in een privégesprek.",
    thisChannel: (name: string, digest: boolean) =>
      `Dit kanaal is het kanaal van *${name}*. Wekelijks overzicht: ${digest ? "aan" : "uit"}.`,
    notLinked:
      "Dit kanaal is nog niet aan een regio gekoppeld. Typ `regio koppel <naam>`, bijvoorbeeld `regio koppel Regio Twente`.",
    yourRegions: (names: string[]) =>
      `Je regio's: ${names.map((n) => `*${n}*`).join(", ")}. Na een antwoord kun je kiezen voor "Vraag het je regio".`,
    noRegions:
      "Je bent nog geen lid van een kanaal dat als regio is gekoppeld. Vraag je regionale team om in hun kanaal `regio koppel <naam>` te typen.",
    onlyDirect:
      "Een vraag aan je regio stel je vanuit je privégesprek met mij, zodat je eerst ziet wat er geplaatst wordt.",
    tooLong: "Deze vraag is te lang om aan je regio voor te leggen. Maak hem korter dan 1500 tekens.",
    chooseRegion: "Je bent lid van meer dan één regio. In welk kanaal wil je je vraag stellen?",
    notMember: "Je bent geen lid (meer) van het kanaal van die regio, dus ik kan je vraag daar niet plaatsen.",
    preview: (region: string, question: string, themes: string[]) =>
      [
        `Dit plaats ik als nieuwe draad in het kanaal van *${region}*:`,
        `*Een collega uit de regio vraagt:* ${question}`,
        ...(themes.length ? [`Om mee te beginnen, uit het handboek: ${themes.join(" · ")}`] : []),
        "Standaard plaats ik je vraag anoniem. Er wordt niets geplaatst voordat jij op een van de knoppen drukt. Antwoorden in de draad stuur ik je hier door.",
      ].join("\n"),
    postAnonymous: "Plaats anoniem",
    postWithName: "Plaats met mijn naam",
    cancel: "Niet plaatsen",
    cancelled: "Goed, er is niets geplaatst.",
    posted: (region: string, anonymous: boolean, link?: string) =>
      `Je vraag staat ${anonymous ? "anoniem " : ""}in het kanaal van *${region}*. Antwoorden in de draad stuur ik je hier door.${link ? ` De draad: ${link}` : ""}`,
    postFailed: "Het lukte niet om je vraag in het regiokanaal te plaatsen. Probeer het later nog eens.",
    starterAnonymous: "Een collega uit de regio vraagt:",
    starterNamed: (name: string) => `${name} vraagt:`,
    starterThemes: "Om mee te beginnen, uit het handboek van de gemeentesecretaris:",
    starterReply: "Antwoord in deze draad: de vraagsteller krijgt je antwoord doorgestuurd.",
    someone: "een collega",
    noQuestion:
      'Welke vraag wil je aan je regio stellen? Stel hem eerst aan mij; na mijn antwoord kun je kiezen voor "Vraag het je regio".',
    forwarded: (region: string, who: string, text: string) =>
      `Antwoord uit *${region}* van ${who} op je vraag:\n${text}`,
    digestOn: (name: string) =>
      `Het wekelijks overzicht voor *${name}* staat aan: elke vrijdag de thema's waar de regio naar vroeg (alleen als minstens drie mensen iets vroegen) en de vragen zonder antwoord.`,
    digestOff: (name: string) => `Het wekelijks overzicht voor *${name}* staat uit.`,
    digestHeader: (name: string) => `*Weekoverzicht van ${name}*`,
    digestThemes: "Deze week vroegen collega's in de regio naar deze thema's:",
    digestThemeLine: (label: string, count: number) => `• ${label} (${count}×)`,
    digestTooFew:
      "Deze week stelden minder dan drie collega's een vraag aan de regio. Zodat niemand herkenbaar is, noem ik dan geen thema's.",
    digestOpen: "Deze vragen in dit kanaal hebben nog geen antwoord. Weet jij iets? Reageer in de draad:",
    digestOpenLine: (date: string, label: string) => `• de vraag van ${date}${label ? ` (${label})` : ""}`,
    digestNoOpen: "Alle vragen van de afgelopen weken hebben een antwoord gekregen. Dank jullie wel!",
    unknownCommand:
      "Dat begrijp ik niet. Zo werkt het: `regio koppel <naam>` (in het regiokanaal), `regio` (laat de regio zien), `regio digest aan` of `regio digest uit`.",
  },
  /** The admin page for the people who run and curate Wegwijzer (server/admin-view.ts). */
  admin: {
    title: "Wegwijzer – beheer",
    heading: "Wegwijzer beheer",
    generatedAt: (when: string) => `Stand van ${when}`,
    logout: "Uitloggen",
    loginTitle: "Inloggen bij Wegwijzer beheer",
    loginIntro: "Vul het beheertoken in (ADMIN_TOKEN uit de instellingen van deze installatie).",
    loginLabel: "Beheertoken",
    loginButton: "Inloggen",
    loginWrong: "Dit token klopt niet.",
    disabled: "De beheerpagina staat uit: zet ADMIN_TOKEN in de instellingen om haar te gebruiken.",
    refused: "Geen toegang.",
    csrfRefused:
      "Het formulier is verlopen of komt niet van deze pagina. Laad de pagina opnieuw en probeer het nog eens.",
    nav: {
      usage: "Gebruik",
      themes: "Thema's",
      subscriptions: "Abonnementen",
      deliveries: "Bezorging",
      review: "Reviewwachtrij",
    },
    usageHeading: "Gebruik",
    usageNote: "Vragen worden geteld per dag, zonder tekst en zonder gebruiker.",
    last7: "Afgelopen 7 dagen",
    last30: "Afgelopen 30 dagen",
    questions: "vragen",
    answeredRate: "beantwoord",
    votes: "👍 / 👎",
    chartTitle: (days: number) => `Vragen per dag, laatste ${days} dagen`,
    chartAnswered: "beantwoord",
    chartUnanswered: "geen goed antwoord",
    perWeek: "Per week",
    week: "Week",
    themesHeading: "Thema's",
    mostAsked: "Meest gevraagd (30 dagen)",
    leastAsked: "Minst gevraagd (30 dagen)",
    feedbackPerTheme: "👍/👎 per thema (30 dagen)",
    theme: "Onderdeel",
    count: "Aantal",
    up: "👍",
    down: "👎",
    none: "Nog niets.",
    subscriptionsHeading: "Abonnementen op de les van de week",
    platform: "Platform",
    kind: "Soort",
    kindDirect: "privégesprek",
    kindChannel: "kanaal of groep",
    state: "Status",
    active: "actief",
    paused: "gepauzeerd",
    deactivated: "gestopt",
    reason: "Reden",
    nextSlot: "Volgende les",
    lastSent: "Laatste les verzonden",
    conversation: "Gesprek",
    conversationNote: "Gesprekken staan hier als korte code, niet met hun ID of gebruiker.",
    deliveriesHeading: "Bezorging per week",
    outcomes: {
      sent: "verzonden",
      retry: "opnieuw proberen",
      failed: "mislukt",
      skipped: "overgeslagen",
      claimed: "bezig",
    } as Record<string, string>,
    reviewHeading: "Reviewwachtrij",
    reviewOff: "De reviewwachtrij staat uit (REVIEW_QUEUE=0): er worden geen vragen bewaard.",
    reviewIntro: (days: number) =>
      `Vragen zonder goed antwoord, met een 👎 of met een keuze bij "bedoel je". De tekst is bij opslag ontdaan van namen, e-mailadressen, nummers en links; er staat geen gebruiker bij. Na ${days} dagen wordt alles verwijderd.`,
    reviewEmpty: "Geen open vragen. Mooi!",
    reviewCounts: (open: number, handled: number, toExport: number) =>
      `${open} open · ${handled} afgehandeld · ${toExport} nog te exporteren (npm run review:export)`,
    reasons: { unanswered: "geen goed antwoord", down: "👎 gekregen", choice: 'koos bij "bedoel je"' } as Record<
      string,
      string
    >,
    asked: "Vraag",
    botAnswered: "Wegwijzer gaf",
    botNothing: "niets",
    userChose: "Gebruiker koos",
    userVoted: "Stem",
    shouldBe: "Hoort bij",
    noUnit: "geen antwoord in het handboek",
    pick: "kies een onderdeel…",
    markHandled: "Afgehandeld",
    labelled: "Vastgelegd.",
    notFound: "Deze vraag bestaat niet meer (verlopen of al verwijderd).",
  },
  terminal: {
    prompt: "jij> ",
    intro:
      "Wegwijzer in de terminal. Stel je vraag, typ een nummer om een vervolgvraag te stellen, *help* voor uitleg of *stoppen* om af te sluiten.",
    notConfigured: (platform: string, vars: string) =>
      `${platform} is niet ingesteld: zet ${vars} (zie .env.example) om Wegwijzer in ${platform} te gebruiken.`,
    bye: "Tot ziens!",
    quitWords: ["stoppen", "stop chat", "exit", "quit", "doei", "einde"],
  },
} as const;
