#include "CliRunner.h"

#include "DropboxAccount.h"
#include "DropboxSignIn.h"
#include "FortnoxAccount.h"
#include "FortnoxSignIn.h"
#include "KashflowSignIn.h"
#include "KashflowStore.h"
#include "NameRules.h"
#include "SecretStore.h"
#include "Settings.h"
#include "Store.h"
#include "StoreFactory.h"
#include "TransferJournal.h"
#include "TransferQueue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

struct CliRunner::Command
{
    QString name;
    QString syntax;
    QString description;
    void (CliRunner::*run)(const QStringList&);
    int minArguments;
    int maxArguments; // -1: any number
    // Accounts are connected before there is a store to open.
    bool needsStore = true;
};

namespace {

// The texts of Qt's own command-line help and errors, which attache and attache-cli both show. Debian has no Qt 6
// catalogue for some languages (Swedish among them); the app's catalogue carries them, and its translator, installed
// for the whole application, answers for this context too.
[[maybe_unused]] const char* const commandLineParserTexts[] = {
    QT_TRANSLATE_NOOP("QCommandLineParser", "Usage: %1"),
    QT_TRANSLATE_NOOP("QCommandLineParser", "[options]"),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Options:"),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Arguments:"),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Displays help on commandline options."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Displays help including Qt specific options."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Displays version information."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Unknown option '%1'."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Unknown options: %1."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Missing value after '%1'."),
    QT_TRANSLATE_NOOP("QCommandLineParser", "Unexpected value after '%1'."),
};

// A password or the memorable word: not echoed when typed on a terminal.
QString readHiddenLine(QTextStream& input)
{
    termios saved {};
    const bool terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios hidden = saved;
        hidden.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &hidden);
    }
    const QString line = input.readLine();
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputc('\n', stderr);
    }
    return line;
}

void writeLine(FILE* stream, const QString& line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

CliRunner::CliRunner(QObject* parent)
    : QObject(parent)
{ }

CliRunner::~CliRunner() = default;

const QList<CliRunner::Command>& CliRunner::commands()
{
    static const QList<Command> list = {
        { QStringLiteral("types"), QString(), tr("List the entity types and the key of each."), &CliRunner::types, 0,
          0 },
        { QStringLiteral("ls"), QStringLiteral("[TYPE[/ID]]"),
          tr("List the types, the entities of TYPE, or the attachments of TYPE/ID."), &CliRunner::list, 0, 1 },
        { QStringLiteral("put"), QStringLiteral("TYPE/ID FILE..."),
          tr("Attach files to TYPE/ID. A name already there gets a number: “name (2).ext”."), &CliRunner::put, 2, -1 },
        { QStringLiteral("get"), QStringLiteral("TYPE/ID/NAME [DEST]"),
          tr("Save an attachment to DEST (a file or a folder; the current folder by default). Never overwrites."),
          &CliRunner::get, 1, 2 },
        { QStringLiteral("rm"), QStringLiteral("TYPE/ID/NAME"),
          tr("Delete an attachment (to the trash where there is one)."), &CliRunner::remove, 1, 1 },
        { QStringLiteral("mv"), QStringLiteral("TYPE/ID/NAME TYPE/ID"),
          tr("Move an attachment to another entity, e.g. from the inbox onto an invoice."), &CliRunner::move, 2, 2 },
        { QStringLiteral("mkdir"), QStringLiteral("TYPE/ID"), tr("Create an entity."), &CliRunner::makeEntity, 1, 1 },
        { QStringLiteral("send-pdf"), QStringLiteral("TYPE/ID"),
          tr("Send a PDF of a quote, invoice or purchase to its documents (KashFlow)."), &CliRunner::sendPdf, 1, 1 },
        { QStringLiteral("resume"), QString(),
          tr("Finish the transfers that a killed or crashed run of attache-cli or of the app left unfinished."),
          &CliRunner::resume, 0, 0 },
        { QStringLiteral("connect"), QStringLiteral("dropbox|kashflow|fortnox"),
          tr("Connect a Dropbox account (open the address shown in any browser, allow Attaché, and paste the "
             "code), sign in to KashFlow with your user name, password and memorable word, or connect a Fortnox "
             "company with the integration's client id and secret (open the address shown, allow, and paste the "
             "address the browser ends on)."),
          &CliRunner::connectAccount, 1, 1, false },
        { QStringLiteral("disconnect"), QStringLiteral("dropbox|kashflow|fortnox"),
          tr("Disconnect the Dropbox account (revoke its token and delete it from the keychain), forget the KashFlow "
             "sign-in (the remembered password and memorable word, and the user name), or disconnect the Fortnox "
             "company (delete its tokens from the keychain)."),
          &CliRunner::disconnectAccount, 1, 1, false },
    };
    return list;
}

void CliRunner::start(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Attaché on the command line: attach documents to quotes, invoices, purchases, customers and bank "
           "accounts.\n\nTYPE is one of quotes, invoices, purchases, customers, bankaccounts, inbox; with Fortnox, one "
           "of "
           "inbox, archive, supplierinvoices, vouchers (attache-cli types lists the store's).\n\nCommands:")
        + [] {
              QString text;
              for (const Command& command : commands())
                  text += QStringLiteral("\n  %1 %2\n      %3").arg(command.name, command.syntax, command.description);
              return text;
          }());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption storeOption(
        QStringLiteral("store"),
        tr("The store to use: local:PATH, dropbox:[/FOLDER], kashflow:USER or fortnox:. By default, the store "
           "the app is set to."),
        QStringLiteral("URI"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        tr("Print results as JSON; attachments with KashFlow's field names."));
    parser.addOption(storeOption);
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("command"), tr("The command to run."), QStringLiteral("COMMAND"));
    // Everything after the command belongs to it.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);

    if (!parser.parse(arguments))
        return fail(parser.errorText(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        print(parser.helpText());
        return succeed();
    }
    if (parser.isSet(QStringLiteral("version"))) {
        print(QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion());
        return succeed();
    }
    m_json = parser.isSet(jsonOption);

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return fail(tr("No command given. Run “attache-cli --help” for the list."), 2);
    const auto found = std::find_if(commands().cbegin(), commands().cend(),
                                    [&](const Command& command) { return command.name == positional.first(); });
    if (found == commands().cend())
        return fail(tr("Unknown command “%1”. Run “attache-cli --help” for the list.").arg(positional.first()), 2);

    QCommandLineParser commandParser;
    commandParser.setApplicationDescription(found->description);
    commandParser.addHelpOption();
    commandParser.addOption(jsonOption);
    commandParser.addPositionalArgument(found->name, found->description,
                                        found->name + QLatin1Char(' ') + found->syntax);
    QStringList commandArguments = positional;
    commandArguments.prepend(arguments.value(0, QStringLiteral("attache-cli")));
    if (!commandParser.parse(commandArguments))
        return fail(commandParser.errorText(), 2);
    if (commandParser.isSet(QStringLiteral("help"))) {
        print(commandParser.helpText());
        return succeed();
    }
    m_json = m_json || commandParser.isSet(jsonOption);
    QStringList rest = commandParser.positionalArguments().mid(1);
    if (rest.size() < found->minArguments || (found->maxArguments >= 0 && rest.size() > found->maxArguments))
        return fail(tr("Usage: attache-cli %1 %2").arg(found->name, found->syntax), 2);

    m_settings = std::make_unique<Settings>();
    if (found->needsStore) {
        QString error;
        const QString uri = parser.isSet(storeOption) ? parser.value(storeOption) : m_settings->storeUri();
        m_store = StoreFactory::create(uri, *m_settings, this, &error);
        if (!m_store)
            return fail(error, 2);
        // The window asks for a KashFlow sign-in when one is needed; here nobody would answer, so say how to.
        if (auto* kashflow = qobject_cast<KashflowStore*>(m_store))
            connect(kashflow, &KashflowStore::signInRequired, this, [this](const QString& message) {
                fail(tr("%1 Use “attache-cli connect kashflow”.").arg(message), 2);
            });
        m_queue = new TransferQueue(m_store, this);
        // The window's journal: what a killed run leaves, either of them finishes.
        m_journal = std::make_unique<TransferJournal>();
        if (m_journal->isOpen())
            m_queue->setJournal(m_journal.get());
        else if (found->run != &CliRunner::resume) // which fails with it
            writeLine(stderr, QStringLiteral("attache-cli: ") + m_journal->errorString());
    }
    (this->*(found->run))(rest);
}

void CliRunner::print(const QString& line)
{
    writeLine(stdout, line);
}

void CliRunner::printJson(const QJsonArray& array)
{
    print(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)).trimmed());
}

void CliRunner::fail(const QString& message, int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    writeLine(stderr, QStringLiteral("attache-cli: ") + QString(message).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    // Queued, so that a caller connecting after start() still hears it.
    QTimer::singleShot(0, this, [this, exitCode] { emit finished(exitCode); });
}

void CliRunner::succeed()
{
    if (m_done)
        return;
    m_done = true;
    QTimer::singleShot(0, this, [this] { emit finished(0); });
}

void CliRunner::types(const QStringList&)
{
    QJsonArray array;
    for (EntityType type : m_store->entityTypes()) {
        if (m_json)
            array.append(QJsonObject { { QStringLiteral("Type"), EntityTypes::folderName(type) },
                                       { QStringLiteral("Name"), EntityTypes::urlName(type) },
                                       { QStringLiteral("Key"), EntityTypes::keyLabel(type) } });
        else
            print(EntityTypes::urlName(type) + QLatin1Char('\t') + EntityTypes::keyLabel(type));
    }
    if (m_json)
        printJson(array);
    succeed();
}

void CliRunner::list(const QStringList& arguments)
{
    const QString what = arguments.value(0);
    if (what.isEmpty())
        return types({});

    if (!what.contains(QLatin1Char('/'))) {
        const auto type = EntityTypes::fromName(what);
        if (!type)
            return fail(tr("Unknown type “%1”. Run “attache-cli types” for the list.").arg(what), 2);
        StoreReply* reply = m_store->listEntities(*type);
        connect(reply, &StoreReply::finished, this, [this, reply] {
            reply->deleteLater();
            if (reply->error() != StoreReply::Error::None)
                return fail(reply->errorString());
            QJsonArray array;
            for (const Entity& entity : reply->entities()) {
                if (m_json) {
                    QJsonObject object { { QStringLiteral("Type"), EntityTypes::folderName(entity.ref.type) },
                                         { QStringLiteral("Id"), entity.ref.id },
                                         { QStringLiteral("AttachmentCount"), entity.attachmentCount } };
                    if (!entity.title.isEmpty())
                        object.insert(QStringLiteral("Title"), entity.title);
                    if (!entity.email.isEmpty())
                        object.insert(QStringLiteral("Email"), entity.email);
                    array.append(object);
                    continue;
                }
                // A store that does not count (KashFlow) gives no count; titles and e-mail addresses (Fortnox's
                // folders) follow where there are any.
                QStringList fields { entity.ref.id };
                if (entity.attachmentCount >= 0)
                    fields.append(QString::number(entity.attachmentCount));
                for (const QString& extra : { entity.title, entity.email }) {
                    if (!extra.isEmpty())
                        fields.append(extra);
                }
                print(fields.join(QLatin1Char('\t')));
            }
            if (m_json)
                printJson(array);
            succeed();
        });
        return;
    }

    const auto entity = EntityRef::fromString(what);
    if (!entity)
        return fail(tr("“%1” is not TYPE/ID.").arg(what), 2);
    StoreReply* reply = m_store->listAttachments(*entity);
    connect(reply, &StoreReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != StoreReply::Error::None)
            return fail(reply->errorString());
        QJsonArray array;
        for (const Attachment& attachment : reply->attachments()) {
            if (m_json)
                array.append(attachment.toKashFlowJson());
            else
                print(QStringList { attachment.name, attachment.sizeToBeDisplayed,
                                    attachment.lastModifiedDate.toLocalTime().toString(Qt::ISODate) }
                          .join(QLatin1Char('\t')));
        }
        if (m_json)
            printJson(array);
        succeed();
    });
}

void CliRunner::put(const QStringList& arguments)
{
    const auto entity = EntityRef::fromString(arguments.first());
    if (!entity)
        return fail(tr("“%1” is not TYPE/ID.").arg(arguments.first()), 2);
    QList<int> ids;
    for (const QString& file : arguments.mid(1))
        ids.append(m_queue->enqueueUpload(QFileInfo(file).absoluteFilePath(), *entity));
    runTransfers(ids);
}

void CliRunner::get(const QStringList& arguments)
{
    const auto attachment = AttachmentRef::fromString(arguments.first());
    if (!attachment)
        return fail(tr("“%1” is not TYPE/ID/NAME.").arg(arguments.first()), 2);
    QString destination = arguments.value(1, QDir::currentPath());
    if (QFileInfo(destination).isDir()) {
        // The attachment's name becomes a path here: "..", or a name with a slash, would leave the folder.
        if (const QString problem = NameRules::problem(attachment->name); !problem.isEmpty())
            return fail(tr("“%1” cannot be saved under its own name: %2").arg(attachment->name, problem));
        destination = QDir(destination).absoluteFilePath(attachment->name);
    }
    if (QFileInfo::exists(destination))
        return fail(tr("“%1” already exists; choose another destination.").arg(destination));
    runTransfers({ m_queue->enqueueDownload(*attachment, QFileInfo(destination).absoluteFilePath()) });
}

void CliRunner::remove(const QStringList& arguments)
{
    const auto attachment = AttachmentRef::fromString(arguments.first());
    if (!attachment)
        return fail(tr("“%1” is not TYPE/ID/NAME.").arg(arguments.first()), 2);
    runTransfers({ m_queue->enqueueDelete(*attachment) });
}

void CliRunner::move(const QStringList& arguments)
{
    const auto attachment = AttachmentRef::fromString(arguments.at(0));
    if (!attachment)
        return fail(tr("“%1” is not TYPE/ID/NAME.").arg(arguments.at(0)), 2);
    const auto target = EntityRef::fromString(arguments.at(1));
    if (!target)
        return fail(tr("“%1” is not TYPE/ID.").arg(arguments.at(1)), 2);
    runTransfers({ m_queue->enqueueMove(*attachment, *target) });
}

void CliRunner::makeEntity(const QStringList& arguments)
{
    const auto entity = EntityRef::fromString(arguments.first());
    if (!entity)
        return fail(tr("“%1” is not TYPE/ID.").arg(arguments.first()), 2);
    StoreReply* reply = m_store->createEntity(*entity);
    connect(reply, &StoreReply::finished, this, [this, reply, entity = *entity] {
        reply->deleteLater();
        if (reply->error() != StoreReply::Error::None)
            return fail(reply->errorString());
        if (m_json)
            printJson({ QJsonObject { { QStringLiteral("Type"), EntityTypes::folderName(entity.type) },
                                      { QStringLiteral("Id"), entity.id },
                                      { QStringLiteral("AttachmentCount"), 0 } } });
        else
            print(entity.toString());
        succeed();
    });
}

void CliRunner::sendPdf(const QStringList& arguments)
{
    const auto entity = EntityRef::fromString(arguments.first());
    if (!entity)
        return fail(tr("“%1” is not TYPE/ID.").arg(arguments.first()), 2);
    auto* kashflow = qobject_cast<KashflowStore*>(m_store);
    if (!kashflow)
        return fail(
            tr("Only the KashFlow store sends PDFs: attache-cli --store kashflow: send-pdf %1").arg(arguments.first()),
            2);
    if (!KashflowStore::canSendPdf(entity->type))
        return fail(
            tr("KashFlow sends PDFs of quotes, invoices and purchases only, not of “%1”.").arg(arguments.first()), 2);
    // KashFlow makes the PDF itself: nothing goes from disk, so it is no transfer to queue or journal.
    StoreReply* reply = kashflow->sendPdfToDropbox(*entity);
    connect(reply, &StoreReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != StoreReply::Error::None)
            return fail(reply->errorString());
        const Attachment pdf = reply->attachments().value(0);
        if (m_json)
            printJson({ pdf.toKashFlowJson() });
        else
            print(pdf.name);
        succeed();
    });
}

void CliRunner::resume(const QStringList&)
{
    // Saying "nothing to resume" of a journal that could not be read would hide the transfers it holds.
    if (!m_journal->isOpen())
        return fail(tr("%1. Nothing was resumed.").arg(m_journal->errorString()), 1);
    const QList<int> ids = m_queue->resumeFromJournal();
    if (ids.isEmpty()) {
        print(tr("Nothing to resume."));
        return succeed();
    }
    // Those that had failed for good are tried once more too: that is what resuming asks for.
    for (int id : ids)
        m_queue->retry(id);
    runTransfers(ids);
}

void CliRunner::runTransfers(const QList<int>& ids)
{
    // Reports each transfer as the store confirms it, and ends when all are done.
    auto remaining = std::make_shared<int>(static_cast<int>(ids.size()));
    auto failed = std::make_shared<QStringList>();
    auto results = std::make_shared<QJsonArray>();
    connect(m_queue, &TransferQueue::transferFinished, this, [this, ids, remaining, failed, results](int id) {
        if (!ids.contains(id))
            return;
        const Transfer transfer = m_queue->transfer(id);
        if (transfer.state == Transfer::State::Done) {
            if (transfer.kind == Transfer::Kind::Upload || transfer.kind == Transfer::Kind::Move) {
                const QString where = AttachmentRef { transfer.target, transfer.result.name }.toString();
                if (m_json)
                    results->append(transfer.result.toKashFlowJson());
                else
                    print(where);
            } else if (transfer.kind == Transfer::Kind::Download && !m_json) {
                print(transfer.localPath);
            }
        } else {
            failed->append(transfer.errorString);
            writeLine(stderr, QStringLiteral("attache-cli: ") + transfer.errorString);
        }
        if (--*remaining > 0)
            return;
        if (m_json)
            printJson(*results);
        // The failures have been reported here: the journal forgets them rather than show them again.
        m_queue->clearFinished();
        if (failed->isEmpty()) {
            succeed();
        } else {
            m_done = true;
            QTimer::singleShot(0, this, [this] { emit finished(1); });
        }
    });
}

void CliRunner::connectAccount(const QStringList& arguments)
{
    if (arguments.first() == QLatin1String("kashflow"))
        return connectKashflow();
    if (arguments.first() == QLatin1String("fortnox"))
        return connectFortnox();
    if (arguments.first() != QLatin1String("dropbox"))
        return fail(tr("Connect dropbox, kashflow or fortnox: attache-cli connect dropbox."), 2);
    const QString appKey = m_settings->dropboxAppKey();
    if (appKey.isEmpty())
        return fail(tr("No Dropbox app key: set ATTACHE_DROPBOX_APP_KEY, or the key in the app's Settings."), 2);
    auto* network = new QNetworkAccessManager(this);
    auto* account = new DropboxAccount(*m_settings, network, this);
    const DropboxEndpoints endpoints = account->endpoints();
    if (const QString problem = endpoints.problem(); !problem.isEmpty())
        return fail(problem, 2);
    // No redirect URI: Dropbox shows the code for the user to copy here.
    auto* signIn = new DropboxSignIn(network, endpoints, appKey, QUrl(), this);
    connect(signIn, &DropboxSignIn::failed, this, [this](const QString& message) { fail(message); });
    connect(signIn, &DropboxSignIn::succeeded, account, &DropboxAccount::connectWith);
    connect(account, &DropboxAccount::failed, this, [this](const QString& message) { fail(message); });
    connect(account, &DropboxAccount::connected, this, [this](const QString& name) {
        print(tr("Connected to Dropbox as %1.").arg(name));
        succeed();
    });
    writeLine(stderr, tr("1. Open this address in a browser and allow Attaché:"));
    print(signIn->authorizeUrl().toString(QUrl::FullyEncoded));
    writeLine(stderr, tr("2. Paste the code Dropbox shows, then press Enter:"));
    // A blocking read is right here: nothing else runs until the user answers.
    signIn->exchangeCode(input().readLine());
}

QTextStream& CliRunner::input()
{
    // One stream for every answer: a stream reads ahead, and a second one would miss what the first took.
    if (!m_input)
        m_input = std::make_unique<QTextStream>(stdin);
    return *m_input;
}

void CliRunner::connectKashflow()
{
    const QUrl base(m_settings->kashflowBaseUrl());
    if (const QString problem = KashflowStore::baseUrlProblem(base); !problem.isEmpty())
        return fail(problem, 2);
    // Blocking reads are right here: nothing else runs until the user answers.
    writeLine(stderr, tr("KashFlow user name:"));
    const QString userName = input().readLine().trimmed();
    writeLine(stderr, tr("Password:"));
    const QString password = readHiddenLine(input());
    writeLine(stderr,
              tr("Remember the password and memorable word in the system keychain, so that attache-cli "
                 "can sign in again by itself? [y/N]"));
    const bool remember = input().readLine().trimmed().startsWith(QLatin1Char('y'), Qt::CaseInsensitive);
    QString word;
    if (remember) {
        writeLine(stderr, tr("Memorable word:"));
        word = readHiddenLine(input());
    }
    auto* signIn = new KashflowSignIn(new QNetworkAccessManager(this), base, this);
    connect(signIn, &KashflowSignIn::failed, this, [this](const QString& message) { fail(message); });
    connect(signIn, &KashflowSignIn::positionsRequested, this, [this, signIn, word](const QList<int>& positions) {
        if (!word.isEmpty()) {
            signIn->answer(KashflowSignIn::charactersAt(word, positions));
            return;
        }
        writeLine(stderr,
                  tr("Characters %1 of your memorable word, in that order:")
                      .arg(KashflowSignIn::describePositions(positions)));
        signIn->answer(readHiddenLine(input()));
    });
    connect(signIn, &KashflowSignIn::signedIn, this, [this, userName, password, word, remember] {
        m_settings->setKashflowUserName(userName);
        m_settings->sync();
        if (!remember) {
            print(tr("Signed in to KashFlow as %1. Nothing was remembered, so other commands cannot sign in by "
                     "themselves: connect again and answer y to remember.")
                      .arg(userName));
            return succeed();
        }
        KashflowStore::rememberCredentials({ userName, password, word }, this,
                                           [this, userName](const SecretStore::Result& result) {
                                               if (!result.ok)
                                                   return fail(result.errorString);
                                               print(tr("Connected to KashFlow as %1.").arg(userName));
                                               succeed();
                                           });
    });
    signIn->start(userName, password);
}

void CliRunner::connectFortnox()
{
    auto* network = new QNetworkAccessManager(this);
    auto* account = new FortnoxAccount(*m_settings, network, this);
    const FortnoxEndpoints endpoints = account->endpoints();
    if (const QString problem = endpoints.problem(); !problem.isEmpty())
        return fail(problem, 2);
    // Blocking reads are right here: nothing else runs until the user answers.
    writeLine(stderr, tr("The Fortnox integration's client id:"));
    const QString clientId = input().readLine().trimmed();
    writeLine(stderr, tr("Its client secret:"));
    const QString clientSecret = readHiddenLine(input()).trimmed();
    if (clientId.isEmpty() || clientSecret.isEmpty())
        return fail(tr("Both the client id and the client secret are needed."), 2);
    connect(account, &FortnoxAccount::failed, this, [this](const QString& message) { fail(message); });
    connect(account, &FortnoxAccount::connected, this, [this] {
        print(tr("Connected to Fortnox."));
        succeed();
    });
    account->setClientCredentials(clientId, clientSecret, [=](const QString& error) {
        if (!error.isEmpty())
            return fail(error);
        auto* signIn
            = new FortnoxSignIn(network, endpoints, clientId, clientSecret, FortnoxSignIn::defaultRedirectUri(), this);
        connect(signIn, &FortnoxSignIn::failed, this, [this](const QString& message) { fail(message); });
        connect(signIn, &FortnoxSignIn::succeeded, account, &FortnoxAccount::connectWith);
        writeLine(stderr, tr("1. Open this address in a browser and allow Attaché:"));
        print(signIn->authorizeUrl().toString(QUrl::FullyEncoded));
        // Nothing listens at the redirect URI on a machine without the app's browser: the address itself carries
        // the code and the state.
        writeLine(stderr,
                  tr("2. The browser then cannot open an address starting with %1. Copy that whole address, "
                     "paste it here and press Enter:")
                      .arg(FortnoxSignIn::defaultRedirectUri().toString()));
        signIn->handleRedirect(QUrl(input().readLine().trimmed()));
    });
}

void CliRunner::disconnectAccount(const QStringList& arguments)
{
    if (arguments.first() == QLatin1String("kashflow"))
        return disconnectKashflow();
    if (arguments.first() == QLatin1String("fortnox"))
        return disconnectFortnox();
    if (arguments.first() != QLatin1String("dropbox"))
        return fail(tr("Disconnect dropbox, kashflow or fortnox: attache-cli disconnect dropbox."), 2);
    auto* account = new DropboxAccount(*m_settings, new QNetworkAccessManager(this), this);
    if (!account->isConnected())
        return fail(tr("No Dropbox account is connected."));
    connect(account, &DropboxAccount::failed, this, [this](const QString& message) { fail(message); });
    connect(account, &DropboxAccount::disconnected, this, [this](const QString& warning) {
        if (!warning.isEmpty())
            writeLine(stderr, QStringLiteral("attache-cli: ") + warning);
        print(tr("Disconnected from Dropbox."));
        succeed();
    });
    account->disconnectAccount();
}

void CliRunner::disconnectKashflow()
{
    const QString userName = m_settings->kashflowUserName();
    if (userName.isEmpty())
        return fail(tr("No KashFlow user is signed in."));
    // KashFlow documents no sign-out, and its sessions end by themselves: what is left is what Attaché keeps.
    KashflowStore::forgetCredentials(userName, this, [this, userName](const SecretStore::Result& result) {
        if (!result.ok)
            return fail(result.errorString);
        m_settings->setKashflowUserName({});
        m_settings->sync();
        print(tr("Signed out of KashFlow: the sign-in of %1 is forgotten.").arg(userName));
        succeed();
    });
}

void CliRunner::disconnectFortnox()
{
    auto* account = new FortnoxAccount(*m_settings, new QNetworkAccessManager(this), this);
    if (!account->isConnected())
        return fail(tr("No Fortnox company is connected."));
    connect(account, &FortnoxAccount::failed, this, [this](const QString& message) { fail(message); });
    connect(account, &FortnoxAccount::disconnected, this, [this] {
        print(tr("Disconnected from Fortnox."));
        succeed();
    });
    account->disconnectAccount();
}
