<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Konton</translation>
    </message>
    <message>
        <source>Dropbox</source>
        <translation>Dropbox</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>From the Dropbox App Console</source>
        <translation>Från Dropbox App Console</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Mapp:</translation>
    </message>
    <message>
        <source>/ (the top of the Dropbox or app folder)</source>
        <translation>/ (överst i Dropbox eller appmappen)</translation>
    </message>
    <message>
        <source>&amp;Connect Dropbox…</source>
        <translation>&amp;Anslut Dropbox…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Koppla från</translation>
    </message>
    <message>
        <source>&amp;Keep documents in Dropbox</source>
        <translation>&amp;Förvara dokumenten i Dropbox</translation>
    </message>
    <message>
        <source>Connected to Dropbox as %1.</source>
        <translation>Ansluten till Dropbox som %1.</translation>
    </message>
    <message>
        <source>Disconnected from Dropbox.</source>
        <translation>Frånkopplad från Dropbox.</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Inte ansluten</translation>
    </message>
    <message>
        <source>&amp;Connect Another…</source>
        <translation>&amp;Anslut ett annat…</translation>
    </message>
    <message>
        <source>Connect Dropbox</source>
        <translation>Anslut Dropbox</translation>
    </message>
    <message>
        <source>Signing in to Dropbox…</source>
        <translation>Loggar in på Dropbox…</translation>
    </message>
    <message>
        <source>Disconnecting…</source>
        <translation>Kopplar från…</translation>
    </message>
    <message>
        <source>KashFlow</source>
        <translation>KashFlow</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Användare:</translation>
    </message>
    <message>
        <source>&amp;Sign In to KashFlow…</source>
        <translation>&amp;Logga in på KashFlow…</translation>
    </message>
    <message>
        <source>Connect KashFlow to Dro&amp;pbox…</source>
        <translation>Anslut KashFlow till Dro&amp;pbox…</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Inte inloggad</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Den här datorn</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Mapp:</translation>
    </message>
    <message>
        <source>Keep documents on &amp;this computer</source>
        <translation>Förvara dokumenten på &amp;den här datorn</translation>
    </message>
    <message>
        <source>Fortnox</source>
        <translation>Fortnox</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Företag:</translation>
    </message>
    <message>
        <source>An older integration, with an &amp;access token</source>
        <translation>En äldre integration, med &amp;åtkomsttoken</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>Klient-&amp;id:</translation>
    </message>
    <message>
        <source>From the Fortnox Developer Portal</source>
        <translation>Från Fortnox utvecklarportal</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>Klient&amp;hemlighet:</translation>
    </message>
    <message>
        <source>Kept in the system keychain</source>
        <translation>Sparas i systemets nyckelring</translation>
    </message>
    <message>
        <source>Connect F&amp;ortnox…</source>
        <translation>Anslut F&amp;ortnox…</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Koppla från</translation>
    </message>
    <message>
        <source>Keep documents in Fortnox</source>
        <translation>Förvara dokumenten i Fortnox</translation>
    </message>
    <message>
        <source>Connected to Fortnox.</source>
        <translation>Ansluten till Fortnox.</translation>
    </message>
    <message>
        <source>Disconnected from Fortnox.</source>
        <translation>Frånkopplad från Fortnox.</translation>
    </message>
    <message>
        <source>Connected with an access token</source>
        <translation>Ansluten med åtkomsttoken</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Ansluten</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>Åtkomst&amp;token:</translation>
    </message>
    <message>
        <source>Connect F&amp;ortnox</source>
        <translation>Anslut F&amp;ortnox</translation>
    </message>
    <message>
        <source>Connecting to Fortnox…</source>
        <translation>Ansluter till Fortnox…</translation>
    </message>
    <message>
        <source>Enter the integration&apos;s client secret.</source>
        <translation>Ange integrationens klienthemlighet.</translation>
    </message>
    <message>
        <source>Connect Fortnox</source>
        <translation>Anslut Fortnox</translation>
    </message>
    <message>
        <source>App ke&amp;y:</source>
        <translation>App&amp;nyckel:</translation>
    </message>
</context>
<context>
    <name>AppDatabase</name>
    <message>
        <source>the folder “%1” cannot be created</source>
        <translation>mappen ”%1” kan inte skapas</translation>
    </message>
</context>
<context>
    <name>AttachmentModel</name>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Storlek</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Ändrad</translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>List the entity types and the key of each.</source>
        <translation>Lista posttyperna och beteckningen för var och en.</translation>
    </message>
    <message>
        <source>List the types, the entities of TYPE, or the attachments of TYPE/ID.</source>
        <translation>Lista typerna, posterna av typen TYPE eller bilagorna till TYPE/ID.</translation>
    </message>
    <message>
        <source>Attach files to TYPE/ID. A name already there gets a number: “name (2).ext”.</source>
        <translation>Bifoga filer till TYPE/ID. Ett namn som redan finns får ett nummer: ”namn (2).ext”.</translation>
    </message>
    <message>
        <source>Save an attachment to DEST (a file or a folder; the current folder by default). Never overwrites.</source>
        <translation>Spara en bilaga till DEST (en fil eller en mapp; som standard den aktuella mappen). Skriver aldrig över.</translation>
    </message>
    <message>
        <source>Delete an attachment (to the trash where there is one).</source>
        <translation>Ta bort en bilaga (till papperskorgen om det finns en).</translation>
    </message>
    <message>
        <source>Move an attachment to another entity, e.g. from the inbox onto an invoice.</source>
        <translation>Flytta en bilaga till en annan post, t.ex. från inkorgen till en faktura.</translation>
    </message>
    <message>
        <source>Create an entity.</source>
        <translation>Skapa en post.</translation>
    </message>
    <message>
        <source>Print results as JSON; attachments with KashFlow&apos;s field names.</source>
        <translation>Skriv ut resultaten som JSON; bilagor med KashFlows fältnamn.</translation>
    </message>
    <message>
        <source>The command to run.</source>
        <translation>Kommandot som ska köras.</translation>
    </message>
    <message>
        <source>No command given. Run “attache-cli --help” for the list.</source>
        <translation>Inget kommando angavs. Kör ”attache-cli --help” för att se listan.</translation>
    </message>
    <message>
        <source>Unknown command “%1”. Run “attache-cli --help” for the list.</source>
        <translation>Okänt kommando ”%1”. Kör ”attache-cli --help” för att se listan.</translation>
    </message>
    <message>
        <source>Usage: attache-cli %1 %2</source>
        <translation>Användning: attache-cli %1 %2</translation>
    </message>
    <message>
        <source>Unknown type “%1”. Run “attache-cli types” for the list.</source>
        <translation>Okänd typ ”%1”. Kör ”attache-cli types” för att se listan.</translation>
    </message>
    <message>
        <source>“%1” is not TYPE/ID.</source>
        <translation>”%1” är inte på formen TYPE/ID.</translation>
    </message>
    <message>
        <source>“%1” is not TYPE/ID/NAME.</source>
        <translation>”%1” är inte på formen TYPE/ID/NAME.</translation>
    </message>
    <message>
        <source>“%1” already exists; choose another destination.</source>
        <translation>”%1” finns redan; välj ett annat mål.</translation>
    </message>
    <message>
        <source>No Dropbox app key: set ATTACHE_DROPBOX_APP_KEY, or the key in the app&apos;s Settings.</source>
        <translation>Ingen appnyckel för Dropbox: ange ATTACHE_DROPBOX_APP_KEY, eller nyckeln i appens inställningar.</translation>
    </message>
    <message>
        <source>Connected to Dropbox as %1.</source>
        <translation>Ansluten till Dropbox som %1.</translation>
    </message>
    <message>
        <source>1. Open this address in a browser and allow Attaché:</source>
        <translation>1. Öppna den här adressen i en webbläsare och tillåt Attaché:</translation>
    </message>
    <message>
        <source>2. Paste the code Dropbox shows, then press Enter:</source>
        <translation>2. Klistra in koden som Dropbox visar och tryck på Retur:</translation>
    </message>
    <message>
        <source>No Dropbox account is connected.</source>
        <translation>Inget Dropbox-konto är anslutet.</translation>
    </message>
    <message>
        <source>Disconnected from Dropbox.</source>
        <translation>Frånkopplad från Dropbox.</translation>
    </message>
    <message>
        <source>Finish the transfers that a killed or crashed run of attache-cli or of the app left unfinished.</source>
        <translation>Slutför de överföringar som en avbruten eller kraschad körning av attache-cli eller appen lämnade ofärdiga.</translation>
    </message>
    <message>
        <source>Nothing to resume.</source>
        <translation>Inget att återuppta.</translation>
    </message>
    <message>
        <source>KashFlow user name:</source>
        <translation>Användarnamn i KashFlow:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Lösenord:</translation>
    </message>
    <message>
        <source>Remember the password and memorable word in the system keychain, so that attache-cli can sign in again by itself? [y/N]</source>
        <translation>Spara lösenordet och det minnesvärda ordet i systemets nyckelring, så att attache-cli kan logga in igen av sig självt? [y/N]</translation>
    </message>
    <message>
        <source>Memorable word:</source>
        <translation>Minnesvärt ord:</translation>
    </message>
    <message>
        <source>Characters %1 of your memorable word, in that order:</source>
        <translation>Tecken %1 i ditt minnesvärda ord, i den ordningen:</translation>
    </message>
    <message>
        <source>Connected to KashFlow as %1.</source>
        <translation>Ansluten till KashFlow som %1.</translation>
    </message>
    <message>
        <source>Signed in to KashFlow as %1. Nothing was remembered, so other commands cannot sign in by themselves: connect again and answer y to remember.</source>
        <translation>Inloggad på KashFlow som %1. Inget sparades, så andra kommandon kan inte logga in av sig själva: anslut igen och svara y för att spara.</translation>
    </message>
    <message>
        <source>Send a PDF of a quote, invoice or purchase to its documents (KashFlow).</source>
        <translation>Skicka en PDF av en offert, faktura eller ett inköp till dess dokument (KashFlow).</translation>
    </message>
    <message>
        <source>“%1” cannot be saved under its own name: %2</source>
        <translation>”%1” kan inte sparas under sitt eget namn: %2</translation>
    </message>
    <message>
        <source>Only the KashFlow store sends PDFs: attache-cli --store kashflow: send-pdf %1</source>
        <translation>Bara KashFlow skickar PDF:er: attache-cli --store kashflow: send-pdf %1</translation>
    </message>
    <message>
        <source>KashFlow sends PDFs of quotes, invoices and purchases only, not of “%1”.</source>
        <translation>KashFlow skickar bara PDF:er av offerter, fakturor och inköp, inte av ”%1”.</translation>
    </message>
    <message>
        <source>Connect a Dropbox account (open the address shown in any browser, allow Attaché, and paste the code), sign in to KashFlow with your user name, password and memorable word, or connect a Fortnox company with the integration&apos;s client id and secret (open the address shown, allow, and paste the address the browser ends on).</source>
        <translation>Anslut ett Dropbox-konto (öppna adressen som visas i valfri webbläsare, tillåt Attaché och klistra in koden), logga in på KashFlow med användarnamn, lösenord och minnesvärt ord, eller anslut ett företag i Fortnox med integrationens klient-id och klienthemlighet (öppna adressen som visas, tillåt och klistra in adressen som webbläsaren hamnar på).</translation>
    </message>
    <message>
        <source>Connect dropbox, kashflow or fortnox: attache-cli connect dropbox.</source>
        <translation>Anslut dropbox, kashflow eller fortnox: attache-cli connect dropbox.</translation>
    </message>
    <message>
        <source>The Fortnox integration&apos;s client id:</source>
        <translation>Fortnox-integrationens klient-id:</translation>
    </message>
    <message>
        <source>Its client secret:</source>
        <translation>Dess klienthemlighet:</translation>
    </message>
    <message>
        <source>Both the client id and the client secret are needed.</source>
        <translation>Både klient-id och klienthemlighet behövs.</translation>
    </message>
    <message>
        <source>Connected to Fortnox.</source>
        <translation>Ansluten till Fortnox.</translation>
    </message>
    <message>
        <source>2. The browser then cannot open an address starting with %1. Copy that whole address, paste it here and press Enter:</source>
        <translation>2. Webbläsaren kan sedan inte öppna en adress som börjar med %1. Kopiera hela den adressen, klistra in den här och tryck på Retur:</translation>
    </message>
    <message>
        <source>Attaché on the command line: attach documents to quotes, invoices, purchases, customers and bank accounts.

TYPE is one of quotes, invoices, purchases, customers, bankaccounts, inbox; with Fortnox, one of inbox, archive, supplierinvoices, vouchers (attache-cli types lists the store&apos;s).

Commands:</source>
        <translation>Attaché på kommandoraden: bifoga dokument till offerter, fakturor, inköp, kunder och bankkonton.

TYPE är en av quotes, invoices, purchases, customers, bankaccounts, inbox; med Fortnox en av inbox, archive, supplierinvoices, vouchers (attache-cli types visar lagringsplatsens).

Kommandon:</translation>
    </message>
    <message>
        <source>The store to use: local:PATH, dropbox:[/FOLDER], kashflow:USER or fortnox:. By default, the store the app is set to.</source>
        <translation>Lagringsplatsen att använda: local:SÖKVÄG, dropbox:[/MAPP], kashflow:ANVÄNDARE eller fortnox:. Som standard den lagringsplats appen är inställd på.</translation>
    </message>
    <message>
        <source>Disconnect the Dropbox account (revoke its token and delete it from the keychain), forget the KashFlow sign-in (the remembered password and memorable word, and the user name), or disconnect the Fortnox company (delete its tokens from the keychain).</source>
        <translation>Koppla från Dropbox-kontot (återkalla dess token och ta bort den ur nyckelringen), glöm KashFlow-inloggningen (det sparade lösenordet, det minnesvärda ordet och användarnamnet) eller koppla från företaget i Fortnox (ta bort dess tokens ur nyckelringen).</translation>
    </message>
    <message>
        <source>Disconnect dropbox, kashflow or fortnox: attache-cli disconnect dropbox.</source>
        <translation>Koppla från dropbox, kashflow eller fortnox: attache-cli disconnect dropbox.</translation>
    </message>
    <message>
        <source>No Fortnox company is connected.</source>
        <translation>Inget företag i Fortnox är anslutet.</translation>
    </message>
    <message>
        <source>Disconnected from Fortnox.</source>
        <translation>Frånkopplad från Fortnox.</translation>
    </message>
    <message>
        <source>%1 Use “attache-cli connect kashflow”.</source>
        <translation>%1 Använd ”attache-cli connect kashflow”.</translation>
    </message>
    <message>
        <source>No KashFlow user is signed in.</source>
        <translation>Ingen KashFlow-användare är inloggad.</translation>
    </message>
    <message>
        <source>Signed out of KashFlow: the sign-in of %1 is forgotten.</source>
        <translation>Utloggad från KashFlow: inloggningen för %1 är glömd.</translation>
    </message>
    <message>
        <source>%1. Nothing was resumed.</source>
        <translation>%1. Inget återupptogs.</translation>
    </message>
</context>
<context>
    <name>DiskFull</name>
    <message>
        <source>“%1” is larger than the disk it goes to can hold in one file.</source>
        <translation>”%1” är större än vad disken den ska till rymmer i en fil.</translation>
    </message>
    <message>
        <source>The disk is full: “%1” was not stored.</source>
        <translation>Disken är full: ”%1” lagrades inte.</translation>
    </message>
    <message>
        <source>The disk is full: “%1” was not saved.</source>
        <translation>Disken är full: ”%1” sparades inte.</translation>
    </message>
    <message>
        <source>The disk is full: “%1” was not moved.</source>
        <translation>Disken är full: ”%1” flyttades inte.</translation>
    </message>
    <message>
        <source>The disk is full: “%1” was not renamed.</source>
        <translation>Disken är full: ”%1” bytte inte namn.</translation>
    </message>
</context>
<context>
    <name>DownloadFile</name>
    <message>
        <source>Could not write “%1”: %2</source>
        <translation>Kunde inte skriva ”%1”: %2</translation>
    </message>
    <message>
        <source>Could not save “%1”: %2</source>
        <translation>Kunde inte spara ”%1”: %2</translation>
    </message>
    <message>
        <source>The part of “%1” downloaded before is incomplete.</source>
        <translation>Den del av ”%1” som hämtades tidigare är ofullständig.</translation>
    </message>
    <message>
        <source>Could not read the part of “%1” downloaded before.</source>
        <translation>Kunde inte läsa den del av ”%1” som hämtades tidigare.</translation>
    </message>
    <message>
        <source>Another download to “%1” is under way.</source>
        <translation>En annan hämtning till ”%1” pågår.</translation>
    </message>
    <message>
        <source>“%1” is write-protected: it was not replaced.</source>
        <translation>”%1” är skrivskyddad: den ersattes inte.</translation>
    </message>
    <message>
        <source>“%1” already exists. It was left as it is; save the document under another name.</source>
        <translation>”%1” finns redan. Den lämnades som den är; spara dokumentet under ett annat namn.</translation>
    </message>
</context>
<context>
    <name>DropboxAccount</name>
    <message>
        <source>the account</source>
        <translation>kontot</translation>
    </message>
    <message>
        <source>Dropbox could not be told, so Attaché stays listed in the Dropbox account&apos;s settings until it is removed there.</source>
        <translation>Dropbox kunde inte meddelas, så Attaché står kvar i Dropbox-kontots inställningar tills det tas bort där.</translation>
    </message>
</context>
<context>
    <name>DropboxAuthenticator</name>
    <message>
        <source>This Dropbox account is not connected. Connect it in Accounts.</source>
        <translation>Det här Dropbox-kontot är inte anslutet. Anslut det under Konton.</translation>
    </message>
</context>
<context>
    <name>DropboxDownload</name>
    <message>
        <source>Dropbox sent a part of “%1” that does not follow what arrived before.</source>
        <translation>Dropbox skickade en del av ”%1” som inte fortsätter det som kom tidigare.</translation>
    </message>
    <message>
        <source>“%1” arrived damaged from Dropbox and was not saved.</source>
        <translation>”%1” kom skadad från Dropbox och sparades inte.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
</context>
<context>
    <name>DropboxEndpoints</name>
    <message>
        <source>“%1” is not a valid Dropbox address.</source>
        <translation>”%1” är inte en giltig Dropbox-adress.</translation>
    </message>
    <message>
        <source>“%1” is not secure: Dropbox must be reached over https.</source>
        <translation>”%1” är inte säker: Dropbox måste nås över https.</translation>
    </message>
</context>
<context>
    <name>DropboxError</name>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
    <message>
        <source>Could not reach Dropbox: %1</source>
        <translation>Kunde inte nå Dropbox: %1</translation>
    </message>
    <message>
        <source>Dropbox refused the request: %1</source>
        <translation>Dropbox avvisade begäran: %1</translation>
    </message>
    <message>
        <source>Dropbox signed this account out. Connect it again in Accounts.</source>
        <translation>Dropbox har loggat ut det här kontot. Anslut det igen under Konton.</translation>
    </message>
    <message>
        <source>Dropbox does not allow this app to do that.</source>
        <translation>Dropbox tillåter inte den här appen att göra det.</translation>
    </message>
    <message>
        <source>Dropbox is busy; try again in a few minutes.</source>
        <translation>Dropbox är upptaget; försök igen om några minuter.</translation>
    </message>
    <message>
        <source>Dropbox had a problem (HTTP %1). Try again later.</source>
        <translation>Dropbox fick ett problem (HTTP %1). Försök igen senare.</translation>
    </message>
    <message>
        <source>“%1” was not found in Dropbox.</source>
        <translation>”%1” hittades inte i Dropbox.</translation>
    </message>
    <message>
        <source>“%1” is not a file in Dropbox.</source>
        <translation>”%1” är inte en fil i Dropbox.</translation>
    </message>
    <message>
        <source>“%1” is not a folder in Dropbox.</source>
        <translation>”%1” är inte en mapp i Dropbox.</translation>
    </message>
    <message>
        <source>“%1” already exists in Dropbox.</source>
        <translation>”%1” finns redan i Dropbox.</translation>
    </message>
    <message>
        <source>The Dropbox account is full: “%1” was not saved.</source>
        <translation>Dropbox-kontot är fullt: ”%1” sparades inte.</translation>
    </message>
    <message>
        <source>Dropbox does not allow the name “%1”.</source>
        <translation>Dropbox tillåter inte namnet ”%1”.</translation>
    </message>
    <message>
        <source>“%1” is not a valid Dropbox path.</source>
        <translation>”%1” är inte en giltig sökväg i Dropbox.</translation>
    </message>
    <message>
        <source>This Dropbox account may not change “%1”.</source>
        <translation>Det här Dropbox-kontot får inte ändra ”%1”.</translation>
    </message>
    <message>
        <source>Dropbox restricts access to “%1”.</source>
        <translation>Dropbox begränsar åtkomsten till ”%1”.</translation>
    </message>
    <message>
        <source>“%1” is in a team folder that cannot be changed.</source>
        <translation>”%1” ligger i en teammapp som inte kan ändras.</translation>
    </message>
    <message>
        <source>“%1” is too large for one request.</source>
        <translation>”%1” är för stor för en enda begäran.</translation>
    </message>
    <message>
        <source>“%1” is larger than Dropbox accepts.</source>
        <translation>”%1” är större än Dropbox tar emot.</translation>
    </message>
    <message>
        <source>“%1” was damaged on the way to Dropbox.</source>
        <translation>”%1” skadades på vägen till Dropbox.</translation>
    </message>
    <message>
        <source>Dropbox makes no thumbnails of “%1”.</source>
        <translation>Dropbox gör inga miniatyrer av ”%1”.</translation>
    </message>
    <message>
        <source>“%1” cannot be moved into itself.</source>
        <translation>”%1” kan inte flyttas in i sig själv.</translation>
    </message>
    <message>
        <source>Dropbox is busy writing other files; “%1” was not changed.</source>
        <translation>Dropbox är upptaget med att skriva andra filer; ”%1” ändrades inte.</translation>
    </message>
    <message>
        <source>Dropbox refused “%1”: %2</source>
        <translation>Dropbox avvisade ”%1”: %2</translation>
    </message>
    <message>
        <source>Dropbox did not accept a renewed access token; trying again later.</source>
        <translation>Dropbox godtog inte en förnyad åtkomsttoken; försöker igen senare.</translation>
    </message>
</context>
<context>
    <name>DropboxSignIn</name>
    <message>
        <source>The answer from Dropbox did not match this sign-in. Try again.</source>
        <translation>Svaret från Dropbox hörde inte till den här inloggningen. Försök igen.</translation>
    </message>
    <message>
        <source>Access to Dropbox was not allowed.</source>
        <translation>Åtkomst till Dropbox tilläts inte.</translation>
    </message>
    <message>
        <source>Dropbox refused the sign-in: %1</source>
        <translation>Dropbox avvisade inloggningen: %1</translation>
    </message>
    <message>
        <source>Dropbox sent no authorization code.</source>
        <translation>Dropbox skickade ingen auktoriseringskod.</translation>
    </message>
    <message>
        <source>Dropbox granted no offline access.</source>
        <translation>Dropbox gav ingen åtkomst offline.</translation>
    </message>
</context>
<context>
    <name>DropboxStore</name>
    <message>
        <source>Dropbox</source>
        <translation>Dropbox</translation>
    </message>
    <message>
        <source>Dropbox: %1</source>
        <translation>Dropbox: %1</translation>
    </message>
    <message>
        <source>Dropbox keeps deleted documents for a time: they can be restored on dropbox.com.</source>
        <translation>Dropbox sparar borttagna dokument en tid: de kan återställas på dropbox.com.</translation>
    </message>
</context>
<context>
    <name>DropboxThumbnailBatcher</name>
    <message>
        <source>Dropbox sent no thumbnail for “%1”.</source>
        <translation>Dropbox skickade ingen miniatyr för ”%1”.</translation>
    </message>
</context>
<context>
    <name>DropboxTokens</name>
    <message>
        <source>Could not reach Dropbox: %1</source>
        <translation>Kunde inte nå Dropbox: %1</translation>
    </message>
    <message>
        <source>Dropbox refused the sign-in: %1</source>
        <translation>Dropbox avvisade inloggningen: %1</translation>
    </message>
    <message>
        <source>Dropbox sent no access token.</source>
        <translation>Dropbox skickade ingen åtkomsttoken.</translation>
    </message>
</context>
<context>
    <name>DropboxUpload</name>
    <message>
        <source>“%1” no longer exists.</source>
        <translation>”%1” finns inte längre.</translation>
    </message>
    <message>
        <source>“%1” cannot be read.</source>
        <translation>”%1” kan inte läsas.</translation>
    </message>
    <message>
        <source>Could not read “%1”: %2</source>
        <translation>Kunde inte läsa ”%1”: %2</translation>
    </message>
    <message>
        <source>Dropbox did not start an upload of “%1”.</source>
        <translation>Dropbox påbörjade ingen uppladdning av ”%1”.</translation>
    </message>
    <message>
        <source>Dropbox lost track of the upload of “%1”.</source>
        <translation>Dropbox tappade bort uppladdningen av ”%1”.</translation>
    </message>
    <message>
        <source>Dropbox holds different content for “%1” than this computer sent. Upload it again.</source>
        <translation>Dropbox har annat innehåll för ”%1” än den här datorn skickade. Ladda upp den igen.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
    <message>
        <source>The file became shorter while it was sent.</source>
        <translation>Filen blev kortare medan den skickades.</translation>
    </message>
    <message>
        <source>Dropbox did not confirm the upload of “%1”.</source>
        <translation>Dropbox bekräftade inte uppladdningen av ”%1”.</translation>
    </message>
</context>
<context>
    <name>EntityTreeModel</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n poster</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n dokument</numerusform>
            <numerusform>%n dokument</numerusform>
        </translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>E-mail documents to %1</source>
        <translation>Mejla dokument till %1</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokument</translation>
    </message>
</context>
<context>
    <name>EntityType</name>
    <message>
        <source>Quotes</source>
        <translation>Offerter</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Fakturor</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Inköp</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>Bank accounts</source>
        <translation>Bankkonton</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Inkorg</translation>
    </message>
    <message>
        <source>Quote number</source>
        <translation>Offertnummer</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Fakturanummer</translation>
    </message>
    <message>
        <source>Purchase number</source>
        <translation>Inköpsnummer</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>Kundnummer</translation>
    </message>
    <message>
        <source>Bank account name</source>
        <translation>Bankkontonamn</translation>
    </message>
    <message>
        <source>Folder name</source>
        <translation>Mappnamn</translation>
    </message>
    <message>
        <source>Quote %1</source>
        <translation>Offert %1</translation>
    </message>
    <message>
        <source>Invoice %1</source>
        <translation>Faktura %1</translation>
    </message>
    <message>
        <source>Purchase %1</source>
        <translation>Inköp %1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Kund %1</translation>
    </message>
    <message>
        <source>Bank account %1</source>
        <translation>Bankkonto %1</translation>
    </message>
    <message>
        <source>Inbox folder %1</source>
        <translation>Inkorgsmapp %1</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>Verifikationer</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arkiv</translation>
    </message>
    <message>
        <source>Voucher</source>
        <translation>Verifikation</translation>
    </message>
    <message>
        <source>Voucher %1</source>
        <translation>Verifikation %1</translation>
    </message>
    <message>
        <source>Archive folder %1</source>
        <translation>Arkivmapp %1</translation>
    </message>
    <message>
        <source>Supplier invoices</source>
        <translation>Leverantörsfakturor</translation>
    </message>
    <message>
        <source>Supplier invoice number</source>
        <translation>Leverantörsfakturanummer</translation>
    </message>
    <message>
        <source>Supplier invoice %1</source>
        <translation>Leverantörsfaktura %1</translation>
    </message>
    <message>
        <source>Quote %1</source>
        <comment>in a sentence</comment>
        <translation>offert %1</translation>
    </message>
    <message>
        <source>Invoice %1</source>
        <comment>in a sentence</comment>
        <translation>faktura %1</translation>
    </message>
    <message>
        <source>Purchase %1</source>
        <comment>in a sentence</comment>
        <translation>inköp %1</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <comment>in a sentence</comment>
        <translation>kund %1</translation>
    </message>
    <message>
        <source>Bank account %1</source>
        <comment>in a sentence</comment>
        <translation>bankkonto %1</translation>
    </message>
    <message>
        <source>Inbox folder %1</source>
        <comment>in a sentence</comment>
        <translation>inkorgsmapp %1</translation>
    </message>
    <message>
        <source>Voucher %1</source>
        <comment>in a sentence</comment>
        <translation>verifikation %1</translation>
    </message>
    <message>
        <source>Archive folder %1</source>
        <comment>in a sentence</comment>
        <translation>arkivmapp %1</translation>
    </message>
    <message>
        <source>Supplier invoice %1</source>
        <comment>in a sentence</comment>
        <translation>leverantörsfaktura %1</translation>
    </message>
</context>
<context>
    <name>FileSliceDevice</name>
    <message>
        <source>The file changed while it was being sent.</source>
        <translation>Filen ändrades medan den skickades.</translation>
    </message>
</context>
<context>
    <name>FortnoxAccount</name>
    <message>
        <source>The Fortnox integration has no client id.</source>
        <translation>Fortnox-integrationen har inget klient-id.</translation>
    </message>
    <message>
        <source>Both the access token and the client secret are needed.</source>
        <translation>Både åtkomsttoken och klienthemligheten behövs.</translation>
    </message>
    <message>
        <source>Fortnox refused the access token and client secret: %1</source>
        <translation>Fortnox avvisade åtkomsttoken och klienthemligheten: %1</translation>
    </message>
    <message>
        <source>Could not reach Fortnox: %1</source>
        <translation>Kunde inte nå Fortnox: %1</translation>
    </message>
</context>
<context>
    <name>FortnoxAuthenticator</name>
    <message>
        <source>Fortnox is not connected. Connect it in Accounts.</source>
        <translation>Fortnox är inte anslutet. Anslut det under Konton.</translation>
    </message>
    <message>
        <source>Fortnox renewed the sign-in, but the keychain could not keep it: %1</source>
        <translation>Fortnox förnyade inloggningen, men nyckelringen kunde inte spara den: %1</translation>
    </message>
    <message>
        <source>Fortnox refused the access token and client secret.</source>
        <translation>Fortnox avvisade åtkomsttoken och klienthemligheten.</translation>
    </message>
</context>
<context>
    <name>FortnoxEndpoints</name>
    <message>
        <source>“%1” is not a valid Fortnox address.</source>
        <translation>”%1” är ingen giltig Fortnox-adress.</translation>
    </message>
    <message>
        <source>“%1” is not secure: Fortnox must be reached over https.</source>
        <translation>”%1” är inte säker: Fortnox måste nås över https.</translation>
    </message>
</context>
<context>
    <name>FortnoxSignIn</name>
    <message>
        <source>The answer from Fortnox did not match this sign-in. Try again.</source>
        <translation>Svaret från Fortnox hörde inte till den här inloggningen. Försök igen.</translation>
    </message>
    <message>
        <source>Access to Fortnox was not allowed.</source>
        <translation>Åtkomst till Fortnox tilläts inte.</translation>
    </message>
    <message>
        <source>Fortnox refused the permissions Attaché asks for. The company may lack the licence for them, or the integration may not have them.</source>
        <translation>Fortnox avvisade behörigheterna som Attaché ber om. Företaget kanske saknar licens för dem, eller så har integrationen dem inte.</translation>
    </message>
    <message>
        <source>Fortnox refused the sign-in: %1</source>
        <translation>Fortnox avvisade inloggningen: %1</translation>
    </message>
    <message>
        <source>Fortnox sent no authorization code.</source>
        <translation>Fortnox skickade ingen auktoriseringskod.</translation>
    </message>
</context>
<context>
    <name>FortnoxStore</name>
    <message>
        <source>Fortnox</source>
        <translation>Fortnox</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
    <message>
        <source>Could not reach Fortnox: %1</source>
        <translation>Kunde inte nå Fortnox: %1</translation>
    </message>
    <message>
        <source>Fortnox had a problem (HTTP %1). Try again later.</source>
        <translation>Fortnox hade ett problem (HTTP %1). Försök igen senare.</translation>
    </message>
    <message>
        <source>Fortnox refused the request (HTTP %1).</source>
        <translation>Fortnox avvisade begäran (HTTP %1).</translation>
    </message>
    <message>
        <source>Fortnox has no %1 “%2”.</source>
        <translation>Fortnox har ingen %1 ”%2”.</translation>
    </message>
    <message>
        <source>“%1” is not in Fortnox.</source>
        <translation>”%1” finns inte i Fortnox.</translation>
    </message>
    <message>
        <source>“%1” is already in Fortnox.</source>
        <translation>”%1” finns redan i Fortnox.</translation>
    </message>
    <message>
        <source>“%1” no longer exists.</source>
        <translation>”%1” finns inte längre.</translation>
    </message>
    <message>
        <source>“%1” arrived damaged from Fortnox and was not saved.</source>
        <translation>”%1” kom skadad från Fortnox och sparades inte.</translation>
    </message>
    <message>
        <source>A file connected to a record cannot be deleted: Fortnox keeps it in the archive.</source>
        <translation>En fil som är kopplad till en post kan inte tas bort: Fortnox behåller den i arkivet.</translation>
    </message>
    <message>
        <source>Fortnox files connected documents there itself: upload to the Inbox, or onto the supplier invoice or voucher.</source>
        <translation>Där lägger Fortnox själv kopplade dokument: ladda upp till inkorgen, eller direkt på leverantörsfakturan eller verifikationen.</translation>
    </message>
    <message>
        <source>“%1” is in Fortnox&apos;s inbox, but could not be connected: %2</source>
        <translation>”%1” finns i Fortnox inkorg men kunde inte kopplas: %2</translation>
    </message>
    <message>
        <source>Fortnox&apos;s answer to the upload of “%1” named no file.</source>
        <translation>Fortnox svar på uppladdningen av ”%1” angav ingen fil.</translation>
    </message>
    <message>
        <source>Fortnox has no voucher “%1”.</source>
        <translation>Fortnox har ingen verifikation ”%1”.</translation>
    </message>
    <message>
        <source>Records cannot be created in Fortnox from Attaché. Create them in Fortnox.</source>
        <translation>Poster kan inte skapas i Fortnox från Attaché. Skapa dem i Fortnox.</translation>
    </message>
    <message>
        <source>Fortnox takes documents only into the Inbox, the Archive, supplier invoices and vouchers.</source>
        <translation>Fortnox tar bara emot dokument i inkorgen, arkivet, leverantörsfakturor och verifikationer.</translation>
    </message>
    <message>
        <source>Fortnox has no thumbnails to fetch.</source>
        <translation>Fortnox har inga miniatyrer att hämta.</translation>
    </message>
    <message>
        <source>Fortnox moves documents only from the Inbox onto a supplier invoice or a voucher.</source>
        <translation>Fortnox flyttar bara dokument från inkorgen till en leverantörsfaktura eller en verifikation.</translation>
    </message>
</context>
<context>
    <name>FortnoxTokens</name>
    <message>
        <source>Could not reach Fortnox: %1</source>
        <translation>Kunde inte nå Fortnox: %1</translation>
    </message>
    <message>
        <source>Fortnox refused the sign-in: %1</source>
        <translation>Fortnox avvisade inloggningen: %1</translation>
    </message>
    <message>
        <source>Fortnox sent no access token.</source>
        <translation>Fortnox skickade ingen åtkomsttoken.</translation>
    </message>
    <message>
        <source>Fortnox sent no refresh token.</source>
        <translation>Fortnox skickade ingen förnyelsetoken.</translation>
    </message>
    <message>
        <source>Fortnox sent a token of an unknown type (%1).</source>
        <translation>Fortnox skickade en token av okänd typ (%1).</translation>
    </message>
</context>
<context>
    <name>HttpCall</name>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
    <message>
        <source>The server stopped responding.</source>
        <translation>Servern slutade svara.</translation>
    </message>
    <message>
        <source>The server asked to slow down.</source>
        <translation>Servern bad om ett lugnare tempo.</translation>
    </message>
    <message>
        <source>The server answered %1.</source>
        <translation>Servern svarade %1.</translation>
    </message>
    <message>
        <source>The connection closed before the whole answer arrived.</source>
        <translation>Anslutningen stängdes innan hela svaret hade kommit.</translation>
    </message>
    <message>
        <source>The answer was not the server&apos;s. A network sign-in page or a proxy may be in the way.</source>
        <translation>Svaret kom inte från servern. En inloggningssida för nätverket eller en proxy kan vara i vägen.</translation>
    </message>
</context>
<context>
    <name>KashflowDropboxConnection</name>
    <message>
        <source>KashFlow is no longer the place documents are kept.</source>
        <translation>Dokumenten förvaras inte längre i KashFlow.</translation>
    </message>
</context>
<context>
    <name>KashflowError</name>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
    <message>
        <source>Could not reach KashFlow: %1</source>
        <translation>Kunde inte nå KashFlow: %1</translation>
    </message>
    <message>
        <source>The KashFlow session has ended. Sign in again.</source>
        <translation>KashFlow-sessionen har tagit slut. Logga in igen.</translation>
    </message>
    <message>
        <source>KashFlow: %1</source>
        <translation>KashFlow: %1</translation>
    </message>
    <message>
        <source>KashFlow is busy; try again in a few minutes.</source>
        <translation>KashFlow är upptaget; försök igen om några minuter.</translation>
    </message>
    <message>
        <source>KashFlow had a problem (HTTP %1). Try again later.</source>
        <translation>KashFlow hade ett problem (HTTP %1). Försök igen senare.</translation>
    </message>
    <message>
        <source>KashFlow refused the request (HTTP %1).</source>
        <translation>KashFlow avvisade begäran (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>KashflowSession</name>
    <message>
        <source>Sign in to KashFlow to go on.</source>
        <translation>Logga in på KashFlow för att fortsätta.</translation>
    </message>
    <message>
        <source>Your KashFlow session has ended. Sign in again to go on.</source>
        <translation>Din session i KashFlow har upphört. Logga in igen för att fortsätta.</translation>
    </message>
</context>
<context>
    <name>KashflowSignIn</name>
    <message>
        <source>KashFlow&apos;s answer to the sign-in could not be read.</source>
        <translation>KashFlows svar på inloggningen kunde inte läsas.</translation>
    </message>
    <message numerus="yes">
        <source>Give %n character(s) of the memorable word.</source>
        <translation>
            <numerusform>Ange %n tecken ur det minnesvärda ordet.</numerusform>
            <numerusform>Ange %n tecken ur det minnesvärda ordet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <extracomment>Joins the last of the memorable word&apos;s positions to the others: &quot;2, 4 and 5&quot;.</extracomment>
        <translation>%1 och %2</translation>
    </message>
</context>
<context>
    <name>KashflowSignInDialog</name>
    <message>
        <source>Sign In to KashFlow</source>
        <translation>Logga in på KashFlow</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Användarnamn:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Lösenord:</translation>
    </message>
    <message>
        <source>&amp;Remember me</source>
        <translation>&amp;Kom ihåg mig</translation>
    </message>
    <message>
        <source>Keep the password and memorable word in the system keychain, so that Attaché can sign in again by itself</source>
        <translation>Spara lösenordet och det minnesvärda ordet i systemets nyckelring, så att Attaché kan logga in igen av sig självt</translation>
    </message>
    <message>
        <source>Memorable &amp;word:</source>
        <translation>Minnesvärt &amp;ord:</translation>
    </message>
    <message>
        <source>Kept in the system keychain. KashFlow is only ever sent the characters it asks for.</source>
        <translation>Sparas i systemets nyckelring. KashFlow får bara de tecken som det frågar efter.</translation>
    </message>
    <message>
        <source>Sign in with your KashFlow user name and password. KashFlow then asks for three characters of your memorable word.</source>
        <translation>Logga in med ditt användarnamn och lösenord i KashFlow. Sedan frågar KashFlow efter tre tecken i ditt minnesvärda ord.</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Nästa</translation>
    </message>
    <message>
        <source>Enter your KashFlow user name and password.</source>
        <translation>Ange ditt användarnamn och lösenord i KashFlow.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Loggar in…</translation>
    </message>
    <message>
        <source>Your memorable word is shorter than KashFlow expects: check it.</source>
        <translation>Ditt minnesvärda ord är kortare än KashFlow förväntar sig: kontrollera det.</translation>
    </message>
    <message>
        <source>Enter one character in each box.</source>
        <translation>Ange ett tecken i varje ruta.</translation>
    </message>
    <message>
        <source>KashFlow asks for characters %1 of your memorable word. Enter the whole word, and Attaché will answer from it from now on.</source>
        <extracomment>%1 is a list of positions such as &quot;2, 5 and 7&quot;.</extracomment>
        <translation>KashFlow frågar efter tecken %1 i ditt minnesvärda ord. Ange hela ordet, så svarar Attaché utifrån det hädanefter.</translation>
    </message>
    <message>
        <source>Enter characters %1 of your memorable word.</source>
        <translation>Ange tecken %1 i ditt minnesvärda ord.</translation>
    </message>
    <message>
        <source>&amp;%1:</source>
        <extracomment>The label of one box on the memorable word page; %1 is its position in the word.</extracomment>
        <translation>&amp;%1:</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>&amp;Logga in</translation>
    </message>
    <message>
        <source>Remembering your sign-in…</source>
        <translation>Sparar din inloggning…</translation>
    </message>
</context>
<context>
    <name>KashflowStore</name>
    <message>
        <source>KashFlow</source>
        <translation>KashFlow</translation>
    </message>
    <message>
        <source>“%1” no longer exists.</source>
        <translation>”%1” finns inte längre.</translation>
    </message>
    <message>
        <source>KashFlow gave no usable link to “%1”.</source>
        <translation>KashFlow gav ingen användbar länk till ”%1”.</translation>
    </message>
    <message>
        <source>“%1” arrived damaged from KashFlow and was not saved.</source>
        <translation>”%1” kom skadad från KashFlow och sparades inte.</translation>
    </message>
    <message>
        <source>KashFlow has no thumbnail of “%1”.</source>
        <translation>KashFlow har ingen miniatyr av ”%1”.</translation>
    </message>
    <message>
        <source>“%1” is not a valid KashFlow address.</source>
        <translation>”%1” är ingen giltig KashFlow-adress.</translation>
    </message>
    <message>
        <source>KashFlow must be reached over https, not “%1”.</source>
        <translation>KashFlow måste nås över https, inte ”%1”.</translation>
    </message>
    <message>
        <source>KashFlow did not give an address to connect Dropbox with.</source>
        <translation>KashFlow gav ingen adress att ansluta Dropbox med.</translation>
    </message>
    <message>
        <source>Records cannot be created in KashFlow from Attaché. Create them in KashFlow.</source>
        <translation>Poster kan inte skapas i KashFlow från Attaché. Skapa dem i KashFlow.</translation>
    </message>
    <message>
        <source>KashFlow makes PDFs of quotes, invoices and purchases only.</source>
        <translation>KashFlow gör bara PDF:er av offerter, fakturor och inköp.</translation>
    </message>
    <message>
        <source>KashFlow cannot move documents from one record to another.</source>
        <translation>KashFlow kan inte flytta dokument från en post till en annan.</translation>
    </message>
</context>
<context>
    <name>LocalStore</name>
    <message>
        <source>Cancelled.</source>
        <translation>Åtgärden avbröts.</translation>
    </message>
    <message>
        <source>Folder %1</source>
        <translation>Mapp %1</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 finns redan.</translation>
    </message>
    <message>
        <source>Could not create %1: the folder “%2” is read-only or not writable.</source>
        <translation>Det gick inte att skapa %1: mappen ”%2” är skrivskyddad eller saknar skrivbehörighet.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 finns inte.</translation>
    </message>
    <message>
        <source>Could not store “%1”: %2</source>
        <translation>Det gick inte att lagra ”%1”: %2</translation>
    </message>
    <message>
        <source>No free name left for “%1”.</source>
        <translation>Det finns inget ledigt namn kvar för ”%1”.</translation>
    </message>
    <message>
        <source>“%1” was not found: it may have been moved or deleted.</source>
        <translation>”%1” hittades inte: den kan ha flyttats eller tagits bort.</translation>
    </message>
    <message>
        <source>“%1” is a folder. Attach the files inside it instead.</source>
        <translation>”%1” är en mapp. Bifoga filerna i den i stället.</translation>
    </message>
    <message>
        <source>Could not read “%1”: %2</source>
        <translation>Det gick inte att läsa ”%1”: %2</translation>
    </message>
    <message>
        <source>Could not create the folder “%1”: it is read-only or not writable.</source>
        <translation>Det gick inte att skapa mappen ”%1”: den är skrivskyddad eller saknar skrivbehörighet.</translation>
    </message>
    <message>
        <source>The folder “%1” is on a read-only disk.</source>
        <translation>Mappen ”%1” ligger på en skrivskyddad disk.</translation>
    </message>
    <message>
        <source>Not enough disk space for “%1”: it needs %2 and %3 is free.</source>
        <translation>Det finns inte tillräckligt med diskutrymme för ”%1”: %2 behövs och %3 är ledigt.</translation>
    </message>
    <message>
        <source>Could not write in “%1”: %2</source>
        <translation>Det gick inte att skriva i ”%1”: %2</translation>
    </message>
    <message>
        <source>“%1” no longer exists.</source>
        <translation>”%1” finns inte längre.</translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation>Det gick inte att ta bort ”%1”: %2</translation>
    </message>
    <message>
        <source>Could not read “%1”.</source>
        <translation>Kunde inte läsa ”%1”.</translation>
    </message>
    <message>
        <source>The name “%1” begins with a dot, which would hide it.</source>
        <translation>Namnet ”%1” börjar med en punkt, vilket skulle dölja det.</translation>
    </message>
    <message>
        <source>Deleted documents go to the trash where the system has one.</source>
        <translation>Borttagna dokument hamnar i papperskorgen om systemet har en.</translation>
    </message>
    <message>
        <source>There is already a document named “%1” on %2.</source>
        <translation>Det finns redan ett dokument med namnet ”%1” på %2.</translation>
    </message>
    <message>
        <source>Could not rename “%1”: %2</source>
        <translation>Kunde inte byta namn på ”%1”: %2</translation>
    </message>
    <message>
        <source>Could not move “%1”: %2</source>
        <translation>Det gick inte att flytta ”%1”: %2</translation>
    </message>
    <message>
        <source>A folder on this computer has no thumbnails of its own to fetch.</source>
        <translation>En mapp på den här datorn har inga egna miniatyrer att hämta.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Attaché</source>
        <translation>Attaché</translation>
    </message>
    <message>
        <source>Filter records</source>
        <translation>Filtrera poster</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Verktygsfält</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Överföringar</translation>
    </message>
    <message>
        <source>&amp;New Record…</source>
        <translation>&amp;Ny post…</translation>
    </message>
    <message>
        <source>Create a quote, invoice, purchase, customer, bank account or inbox folder</source>
        <translation>Skapa en offert, en faktura, ett inköp, en kund, ett bankkonto eller en inkorgsmapp</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>&amp;Add Files…</source>
        <translation>&amp;Lägg till filer…</translation>
    </message>
    <message>
        <source>Attach files to the selected record</source>
        <translation>Bifoga filer till den markerade posten</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öppna</translation>
    </message>
    <message>
        <source>Open the selected documents in their applications</source>
        <translation>Öppna de markerade dokumenten i tillhörande program</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>&amp;Spara som…</translation>
    </message>
    <message>
        <source>Save a copy of the selected documents</source>
        <translation>Spara en kopia av de markerade dokumenten</translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <source>&amp;Move To…</source>
        <translation>&amp;Flytta till…</translation>
    </message>
    <message>
        <source>File the selected documents on another record</source>
        <translation>Flytta de markerade dokumenten till en annan post</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <source>Delete the selected documents</source>
        <translation>Ta bort de markerade dokumenten</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Detaljer</translation>
    </message>
    <message>
        <source>Show documents as a list with details</source>
        <translation>Visa dokumenten som en lista med detaljer</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Thumbnails</source>
        <translation>&amp;Miniatyrer</translation>
    </message>
    <message>
        <source>Show documents as a grid of thumbnails</source>
        <translation>Visa dokumenten som ett rutnät med miniatyrer</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Filter Records</source>
        <translation>&amp;Filtrera poster</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Pause Transfers</source>
        <translation>&amp;Pausa överföringar</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Inställningar…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>%1 — Attaché</source>
        <translation>%1 — Attaché</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) on %1</source>
        <translation>
            <numerusform>%n dokument på %1</numerusform>
            <numerusform>%n dokument på %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) paused</source>
        <translation>
            <numerusform>%n överföring pausad</numerusform>
            <numerusform>%n överföringar pausade</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) in progress</source>
        <translation>
            <numerusform>%n överföring pågår</numerusform>
            <numerusform>%n överföringar pågår</numerusform>
        </translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Allt är uppdaterat</translation>
    </message>
    <message>
        <source>Folders can&apos;t be attached: %1. Open the folder and drop the files inside it.</source>
        <translation>Mappar kan inte bifogas: %1. Öppna mappen och släpp filerna som finns i den.</translation>
    </message>
    <message>
        <source>Not found: %1.</source>
        <translation>Hittades inte: %1.</translation>
    </message>
    <message>
        <source>Only files on this computer can be attached: %1.</source>
        <translation>Endast filer på den här datorn kan bifogas: %1.</translation>
    </message>
    <message>
        <source>Add Files to %1</source>
        <translation>Bifoga filer till %1</translation>
    </message>
    <message>
        <source>Save “%1” As</source>
        <translation>Spara ”%1” som</translation>
    </message>
    <message numerus="yes">
        <source>Save %n Document(s) To</source>
        <translation>
            <numerusform>Spara %n dokument i</numerusform>
            <numerusform>Spara %n dokument i</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Documents</source>
        <translation>Ta bort dokument</translation>
    </message>
    <message>
        <source>Delete “%1” from %2?</source>
        <translation>Vill du ta bort ”%1” från %2?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n document(s) from %1?</source>
        <translation>
            <numerusform>Vill du ta bort %n dokument från %1?</numerusform>
            <numerusform>Vill du ta bort %n dokument från %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Attaché is still transferring</source>
        <translation>Attaché överför fortfarande</translation>
    </message>
    <message>
        <source>Transfers continue in the background. Use the tray icon to open Attaché or quit.</source>
        <translation>Överföringarna fortsätter i bakgrunden. Använd ikonen i meddelandefältet för att öppna eller avsluta Attaché.</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Frånkopplad</translation>
    </message>
    <message numerus="yes">
        <source>Offline, %n transfer(s) waiting</source>
        <translation>
            <numerusform>Frånkopplad, %n överföring väntar</numerusform>
            <numerusform>Frånkopplad, %n överföringar väntar</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline: showing the documents as last seen. Changes wait until the connection is back.</source>
        <translation>Frånkopplad: dokumenten visas som de såg ut senast. Ändringar väntar tills anslutningen är tillbaka.</translation>
    </message>
    <message>
        <source>Back online.</source>
        <translation>Ansluten igen.</translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) waiting</source>
        <translation>
            <numerusform>%n överföring väntar</numerusform>
            <numerusform>%n överföringar väntar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline: %n document(s) will go to %1 when the connection is back.</source>
        <translation>
            <numerusform>Frånkopplad: %n dokument skickas till %1 när anslutningen är tillbaka.</numerusform>
            <numerusform>Frånkopplad: %n dokument skickas till %1 när anslutningen är tillbaka.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign In to &amp;KashFlow…</source>
        <translation>Logga in på &amp;KashFlow…</translation>
    </message>
    <message>
        <source>Sign in to KashFlow and keep documents with its records</source>
        <translation>Logga in på KashFlow och förvara dokumenten med dess poster</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Connect KashFlow to &amp;Dropbox…</source>
        <translation>Anslut KashFlow till &amp;Dropbox…</translation>
    </message>
    <message>
        <source>Let KashFlow keep its documents in your Dropbox</source>
        <translation>Låt KashFlow förvara sina dokument i din Dropbox</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Send &amp;PDF to Dropbox</source>
        <translation>Skicka &amp;PDF till Dropbox</translation>
    </message>
    <message>
        <source>Have KashFlow file a PDF of the selected quote, invoice or purchase with its documents</source>
        <translation>Låt KashFlow lägga en PDF av den markerade offerten, fakturan eller inköpet bland dess dokument</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>Signed in to KashFlow, but your sign-in could not be remembered: %1</source>
        <translation>Inloggad på KashFlow, men inloggningen kunde inte sparas: %1</translation>
    </message>
    <message>
        <source>Connect KashFlow to Dropbox</source>
        <translation>Anslut KashFlow till Dropbox</translation>
    </message>
    <message>
        <source>KashFlow is connected to your Dropbox: it keeps its records&apos; documents there.</source>
        <translation>KashFlow är anslutet till din Dropbox: där förvarar det dokumenten till sina poster.</translation>
    </message>
    <message>
        <source>Could not connect KashFlow to Dropbox: %1</source>
        <translation>Kunde inte ansluta KashFlow till Dropbox: %1</translation>
    </message>
    <message>
        <source>Asking KashFlow for the PDF of %1…</source>
        <translation>Ber KashFlow om PDF:en av %1…</translation>
    </message>
    <message>
        <source>The PDF of %1 was not sent: %2</source>
        <translation>PDF:en av %1 skickades inte: %2</translation>
    </message>
    <message>
        <source>KashFlow filed the PDF of %1 with its documents as “%2”.</source>
        <translation>KashFlow lade PDF:en av %1 bland dess dokument som ”%2”.</translation>
    </message>
    <message>
        <source>Documents can be kept in another place once the running transfers have finished: choose it again then.</source>
        <translation>Dokumenten kan förvaras på en annan plats när de pågående överföringarna är klara: välj den igen då.</translation>
    </message>
    <message>
        <source>Copy &amp;E-mail Address</source>
        <translation>Kopiera &amp;e-postadress</translation>
    </message>
    <message>
        <source>Copy the address that files documents into the selected folder by e-mail</source>
        <translation>Kopiera adressen som lägger dokument i den markerade mappen via e-post</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Copied %1: documents e-mailed there arrive in %2.</source>
        <translation>Kopierade %1: dokument som mejlas dit hamnar i %2.</translation>
    </message>
    <message numerus="yes">
        <source>Transfers are paused: %n document(s) will go to %1 when they are resumed.</source>
        <translation>
            <numerusform>Överföringarna är pausade: %n dokument går till %1 när de återupptas.</numerusform>
            <numerusform>Överföringarna är pausade: %n dokument går till %1 när de återupptas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a record to see its documents.</source>
        <translation>Välj en post för att se dess dokument.</translation>
    </message>
    <message>
        <source>Looking for documents…</source>
        <translation>Letar efter dokument…</translation>
    </message>
    <message>
        <source>No documents yet. Drop files here, or choose Add Files.</source>
        <translation>Inga dokument ännu. Släpp filer här, eller välj Lägg till filer.</translation>
    </message>
    <message>
        <source>No documents yet.</source>
        <translation>Inga dokument ännu.</translation>
    </message>
    <message>
        <source>No record matches “%1”.</source>
        <translation>Ingen post matchar ”%1”.</translation>
    </message>
    <message>
        <source>The documents could not be listed. Choose Refresh to try again.</source>
        <translation>Dokumenten kunde inte listas. Välj Uppdatera för att försöka igen.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>&amp;About Attaché</source>
        <translation>&amp;Om Attaché</translation>
    </message>
    <message>
        <source>About Attaché</source>
        <translation>Om Attaché</translation>
    </message>
    <message>
        <source>Attaché %1

Attach receipts, invoices and contracts to accounting records.

Documents are kept in: %2

Built with Qt %3.</source>
        <translation>Attaché %1

Bifoga kvitton, fakturor och avtal till poster i bokföringen.

Dokumenten förvaras i: %2

Byggd med Qt %3.</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>Visa i &amp;mapp</translation>
    </message>
    <message>
        <source>Show the record&apos;s documents in the file manager</source>
        <translation>Visa postens dokument i filhanteraren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Could not show the folder “%1”.</source>
        <translation>Kunde inte visa mappen ”%1”.</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>Byt &amp;namn</translation>
    </message>
    <message>
        <source>Give the selected document another name</source>
        <translation>Ge det markerade dokumentet ett annat namn</translation>
    </message>
    <message>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <source>“%1” cannot be renamed while it is being transferred. Rename it once the transfer is done.</source>
        <translation>Det går inte att byta namn på ”%1” medan det överförs. Byt namn när överföringen är klar.</translation>
    </message>
    <message>
        <source>Show Tr&amp;ansfers</source>
        <translation>Visa &amp;överföringar</translation>
    </message>
    <message>
        <source>Acco&amp;unts…</source>
        <translation>Kon&amp;ton…</translation>
    </message>
    <message>
        <source>“%1” as “%2”</source>
        <translation>”%1” som ”%2”</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) will be attached under a name a document can have: %1.</source>
        <translation>
            <numerusform>%n dokument bifogas under ett namn som ett dokument kan ha: %1.</numerusform>
            <numerusform>%n dokument bifogas under namn som ett dokument kan ha: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new connection is used once the running transfers have finished.</source>
        <translation>Den nya anslutningen används när de pågående överföringarna är klara.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
</context>
<context>
    <name>MetadataCache</name>
    <message>
        <source>The cache “%1” cannot be used: %2</source>
        <translation>Cachen ”%1” kan inte användas: %2</translation>
    </message>
</context>
<context>
    <name>MoveToDialog</name>
    <message>
        <source>Move To</source>
        <translation>Flytta till</translation>
    </message>
    <message>
        <source>Filter records</source>
        <translation>Filtrera poster</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Flytta</translation>
    </message>
    <message numerus="yes">
        <source>Move %n document(s) from %1 to:</source>
        <translation>
            <numerusform>Flytta %n dokument från %1 till:</numerusform>
            <numerusform>Flytta %n dokument från %1 till:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NameRules</name>
    <message>
        <source>The name is empty.</source>
        <translation>Namnet är tomt.</translation>
    </message>
    <message>
        <source>“%1” is not a usable name.</source>
        <translation>”%1” kan inte användas som namn.</translation>
    </message>
    <message>
        <source>The name “%1” contains a slash.</source>
        <translation>Namnet ”%1” innehåller ett snedstreck.</translation>
    </message>
    <message>
        <source>The name “%1” contains a control character.</source>
        <translation>Namnet ”%1” innehåller ett styrtecken.</translation>
    </message>
    <message>
        <source>The name “%1” begins or ends with a space.</source>
        <translation>Namnet ”%1” börjar eller slutar med ett blanksteg.</translation>
    </message>
    <message>
        <source>The name “%1…” is too long.</source>
        <translation>Namnet ”%1…” är för långt.</translation>
    </message>
    <message>
        <source>The name “%1” contains a backslash.</source>
        <translation>Namnet ”%1” innehåller ett omvänt snedstreck.</translation>
    </message>
    <message>
        <source>The name “%1” contains a character that is not text.</source>
        <translation>Namnet ”%1” innehåller ett tecken som inte är text.</translation>
    </message>
</context>
<context>
    <name>NewEntityDialog</name>
    <message>
        <source>New Record</source>
        <translation>Ny post</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Beteckning:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Skapa</translation>
    </message>
    <message>
        <source>&amp;%1:</source>
        <translation>&amp;%1:</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 finns redan.</translation>
    </message>
</context>
<context>
    <name>NotificationBatcher</name>
    <message numerus="yes">
        <source>%n document(s) uploaded</source>
        <translation>
            <numerusform>%n dokument uppladdat</numerusform>
            <numerusform>%n dokument uppladdade</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) uploaded to %1</source>
        <translation>
            <numerusform>%n dokument uppladdat till %1</numerusform>
            <numerusform>%n dokument uppladdade till %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) moved</source>
        <translation>
            <numerusform>%n dokument flyttat</numerusform>
            <numerusform>%n dokument flyttade</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) moved to %1</source>
        <translation>
            <numerusform>%n dokument flyttat till %1</numerusform>
            <numerusform>%n dokument flyttade till %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) deleted</source>
        <translation>
            <numerusform>%n dokument borttaget</numerusform>
            <numerusform>%n dokument borttagna</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) saved</source>
        <translation>
            <numerusform>%n dokument sparat</numerusform>
            <numerusform>%n dokument sparade</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed (%1)</source>
        <translation>
            <numerusform>%n misslyckades (%1)</numerusform>
            <numerusform>%n misslyckades (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Some transfers failed</source>
        <translation>Vissa överföringar misslyckades</translation>
    </message>
    <message>
        <source>Transfers finished</source>
        <translation>Överföringarna är klara</translation>
    </message>
    <message numerus="yes">
        <source>%n new document(s) on %1</source>
        <translation>
            <numerusform>%n nytt dokument på %1</numerusform>
            <numerusform>%n nya dokument på %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n borttaget</numerusform>
            <numerusform>%n borttagna</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) removed from %1</source>
        <translation>
            <numerusform>%n dokument borttaget från %1</numerusform>
            <numerusform>%n dokument borttagna från %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new document(s)</source>
        <translation>
            <numerusform>%n nytt dokument</numerusform>
            <numerusform>%n nya dokument</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 on %n record(s)</source>
        <translation>
            <numerusform>%1 på %n post</numerusform>
            <numerusform>%1 på %n poster</numerusform>
        </translation>
    </message>
    <message>
        <source>Documents changed</source>
        <translation>Dokument har ändrats</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>Användning: %1</translation>
    </message>
    <message>
        <source>[options]</source>
        <translation>[alternativ]</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Alternativ:</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>Argument:</translation>
    </message>
    <message>
        <source>Displays help on commandline options.</source>
        <translation>Visar hjälp om kommandoradens alternativ.</translation>
    </message>
    <message>
        <source>Displays help including Qt specific options.</source>
        <translation>Visar hjälp, även om Qt:s egna alternativ.</translation>
    </message>
    <message>
        <source>Displays version information.</source>
        <translation>Visar versionsinformation.</translation>
    </message>
    <message>
        <source>Unknown option &apos;%1&apos;.</source>
        <translation>Okänt alternativ ”%1”.</translation>
    </message>
    <message>
        <source>Unknown options: %1.</source>
        <translation>Okända alternativ: %1.</translation>
    </message>
    <message>
        <source>Missing value after &apos;%1&apos;.</source>
        <translation>Värde saknas efter ”%1”.</translation>
    </message>
    <message>
        <source>Unexpected value after &apos;%1&apos;.</source>
        <translation>Oväntat värde efter ”%1”.</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nej</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Verkställ</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Förkasta</translation>
    </message>
</context>
<context>
    <name>RemoteOperation</name>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The system keychain is locked or refused access (%1).</source>
        <translation>Systemets nyckelring är låst eller nekade åtkomst (%1).</translation>
    </message>
    <message>
        <source>Could not use the system keychain (%1). Attaché keeps sign-in secrets only there: make sure a keychain such as GNOME Keyring or KWallet is installed and running.</source>
        <translation>Kunde inte använda systemets nyckelring (%1). Attaché sparar inloggningshemligheter bara där: se till att en nyckelring som GNOME Keyring eller KWallet är installerad och igång.</translation>
    </message>
    <message>
        <source>The system keychain holds nothing for “%1”.</source>
        <translation>Systemets nyckelring har inget för ”%1”.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Documents &amp;folder:</source>
        <translation>&amp;Dokumentmapp:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bläddra…</translation>
    </message>
    <message>
        <source>&amp;Simultaneous transfers:</source>
        <translation>&amp;Samtidiga överföringar:</translation>
    </message>
    <message>
        <source>Documents Folder</source>
        <translation>Dokumentmapp</translation>
    </message>
    <message>
        <source>&amp;Look for changes every:</source>
        <translation>&amp;Leta efter ändringar var:</translation>
    </message>
    <message>
        <source>For stores that cannot report their changes themselves. Dropbox and the documents folder report theirs at once.</source>
        <translation>För lagringsplatser som inte själva kan meddela sina ändringar. Dropbox och dokumentmappen meddelar sina direkt.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Notify me of:</source>
        <translation>Meddela mig om:</translation>
    </message>
    <message>
        <source>Transfers that f&amp;ailed</source>
        <translation>Överföringar som &amp;misslyckats</translation>
    </message>
    <message>
        <source>Documents &amp;changed by someone else</source>
        <translation>Dokument som &amp;ändrats av någon annan</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <source>&amp;KashFlow and Fortnox answer in:</source>
        <translation>&amp;KashFlow och Fortnox svarar i:</translation>
    </message>
    <message>
        <source>The format Attaché asks KashFlow&apos;s and Fortnox&apos;s APIs to answer in. Both hold the same information.</source>
        <translation>Formatet som Attaché ber KashFlows och Fortnox API:er att svara i. Båda innehåller samma information.</translation>
    </message>
    <message>
        <source>&amp;Transfers that finished</source>
        <translation>&amp;Överföringar som slutförts</translation>
    </message>
</context>
<context>
    <name>SignInBrowserDialog</name>
    <message>
        <source>Sign In</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <source>The page could not be loaded.</source>
        <translation>Sidan kunde inte läsas in.</translation>
    </message>
    <message>
        <source>Secure connection</source>
        <translation>Säker anslutning</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>På den här datorn</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Inte krypterad</translation>
    </message>
    <message>
        <source>Did not open %1: the connection would not be encrypted.</source>
        <translation>Öppnade inte %1: anslutningen skulle inte vara krypterad.</translation>
    </message>
    <message>
        <source>Did not open %1: it is not part of this sign-in.</source>
        <translation>Öppnade inte %1: den hör inte till den här inloggningen.</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>“%1” was changed by someone else after you chose to delete it, so it was kept. Look at the new version, then delete it again if it should go.</source>
        <translation>”%1” ändrades av någon annan efter att du valde att ta bort den, så den behölls. Titta på den nya versionen och ta sedan bort den igen om den ska bort.</translation>
    </message>
    <message>
        <source>Deleting cannot be undone.</source>
        <translation>Borttagningen kan inte ångras.</translation>
    </message>
    <message>
        <source>This store cannot rename documents.</source>
        <translation>Den här lagringsplatsen kan inte byta namn på dokument.</translation>
    </message>
</context>
<context>
    <name>StoreFactory</name>
    <message>
        <source>The local store needs a folder: local:PATH.</source>
        <translation>Den lokala lagringsplatsen behöver en mapp: local:PATH.</translation>
    </message>
    <message>
        <source>The Dropbox folder must start with “/” and not end with one: dropbox:/Accounting.</source>
        <translation>Dropbox-mappen måste börja med ”/” och inte sluta med ett: dropbox:/Accounting.</translation>
    </message>
    <message>
        <source>No Dropbox account is connected. Connect one in Accounts, or with “attache-cli connect dropbox”.</source>
        <translation>Inget Dropbox-konto är anslutet. Anslut ett under Konton, eller med ”attache-cli connect dropbox”.</translation>
    </message>
    <message>
        <source>Unknown store “%1”. Use local:PATH, dropbox:[/FOLDER], kashflow:[USER] or fortnox:.</source>
        <translation>Okänd lagringsplats ”%1”. Använd local:SÖKVÄG, dropbox:[/MAPP], kashflow:[ANVÄNDARE] eller fortnox:.</translation>
    </message>
    <message>
        <source>No Fortnox company is connected. Connect one in Accounts, or with “attache-cli connect fortnox”.</source>
        <translation>Inget företag i Fortnox är anslutet. Anslut ett under Konton, eller med ”attache-cli connect fortnox”.</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>Upload to %1</source>
        <translation>Ladda upp till %1</translation>
    </message>
    <message>
        <source>Download from %1</source>
        <translation>Hämta från %1</translation>
    </message>
    <message>
        <source>Delete from %1</source>
        <translation>Ta bort från %1</translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation>Flytta till %1</translation>
    </message>
    <message>
        <source>Open from %1</source>
        <translation>Öppna från %1</translation>
    </message>
</context>
<context>
    <name>TransferJournal</name>
    <message>
        <source>Could not open the transfer journal “%1”: %2</source>
        <translation>Kunde inte öppna överföringsjournalen ”%1”: %2</translation>
    </message>
    <message>
        <source>Could not read the transfer journal “%1”: %2</source>
        <translation>Kunde inte läsa överföringsjournalen ”%1”: %2</translation>
    </message>
    <message>
        <source>Could not write to the transfer journal “%1”: %2</source>
        <translation>Kunde inte skriva till överföringsjournalen ”%1”: %2</translation>
    </message>
    <message>
        <source>the folder “%1” cannot be created</source>
        <translation>mappen ”%1” kan inte skapas</translation>
    </message>
    <message>
        <source>the file “%1” cannot be written</source>
        <translation>filen ”%1” kan inte skrivas</translation>
    </message>
    <message>
        <source>Queued for an account that is no longer connected. Retry it to carry it out with the account connected now.</source>
        <translation>Köad för ett konto som inte längre är anslutet. Försök igen för att utföra den med kontot som är anslutet nu.</translation>
    </message>
</context>
<context>
    <name>TransferModel</name>
    <message>
        <source>Waiting</source>
        <translation>Väntar</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 av %2</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Pågår</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klar</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Misslyckades: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Avbruten</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fil</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Förlopp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausad</translation>
    </message>
    <message>
        <source>Done, as “%1”</source>
        <translation>Klar, som ”%1”</translation>
    </message>
</context>
<context>
    <name>TransferQueue</name>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
</context>
<context>
    <name>TransfersPanel</name>
    <message>
        <source>Pause All</source>
        <translation>Pausa alla</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Försök igen</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Rensa slutförda</translation>
    </message>
    <message>
        <source>&amp;Cancel Transfer</source>
        <translation>&amp;Avbryt överföring</translation>
    </message>
    <message>
        <source>Del</source>
        <translation>Del</translation>
    </message>
    <message>
        <source>&amp;Retry Transfer</source>
        <translation>&amp;Försök igen</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>&amp;Rensa slutförda</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Del</source>
        <translation>Ctrl+Shift+Del</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Resume All</source>
        <translation>Återuppta alla</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Attaché</source>
        <translation>Attaché</translation>
    </message>
    <message>
        <source>&amp;Show Attaché</source>
        <translation>&amp;Visa Attaché</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Attaché</source>
        <translation>Attaché</translation>
    </message>
    <message>
        <source>Attach receipts, invoices and contracts to accounting records.</source>
        <translation>Bifoga kvitton, fakturor och avtal till poster i bokföringen.</translation>
    </message>
</context>
</TS>
