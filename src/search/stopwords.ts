/** Function words that carry no topic, Dutch and English, in analyzer form (lowercase, no diacritics). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `aan al alle alles als altijd andere ben bij binnen daar daarom dan dat de der deze die dit doch doen door dus
een eens eigen en er ga gaan gaat geen geweest haar had heb hebben hebt heeft hem het hier hij hoe hun
iemand ik in is ja je jij jou jouw jullie kan kun kunnen kunt maar me meer men met mij mijn moet moeten
na naar niet niets nog nu of om omdat ons onze ook op over reeds u uw uit van veel voor waar wanneer want
waren was wat we wel welk welke werd wie wij wil wilt worden wordt zal ze zelf zich zij zijn zo zonder zou
zouden zullen iets hoeveel waarom mag mogen graag even toch echt eigenlijk nou tips tip vraag
vragen idee ideeen allemaal beter beste goed goede zeer heel erg weer steeds
the a an and or of to in on for with is are was be been by as at it its this that these those what how why who
which do does did should can could would will i we my our me us you your they their them about into from not no
any some there when where if than then so good idea`
    .split(/\s+/)
    .filter(Boolean),
);
