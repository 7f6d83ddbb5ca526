#include "TransferJournal.h"

#include "AppDatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace {
// 2: expected_hash.
constexpr int SchemaVersion = 2;

QString newName()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The connection of this journal; it is only ever used on the thread that created the journal.
QSqlDatabase database(const QString& connectionName)
{
    return QSqlDatabase::database(connectionName, false);
}

QVariant entityType(const EntityRef& entity)
{
    return EntityTypes::folderName(entity.type);
}
} // namespace

TransferJournal::TransferJournal(const QString& databasePath)
    : m_databasePath(databasePath)
    , m_connectionName(QStringLiteral("TransferJournal-") + newName())
    , m_owner(newName())
{
    m_open = setUp();
}

TransferJournal::~TransferJournal()
{
    database(m_connectionName).close();
    QSqlDatabase::removeDatabase(m_connectionName);
    // Unlocking removes the lock file: nothing of this process is left to take over.
    m_ownerLock.reset();
}

QString TransferJournal::ownerLockPath(const QString& owner) const
{
    return QFileInfo(m_databasePath).absolutePath() + QStringLiteral("/owners/") + owner + QStringLiteral(".lock");
}

bool TransferJournal::fail(Failure failure, const QString& why)
{
    const QString path = QDir::toNativeSeparators(m_databasePath);
    switch (failure) {
    case Failure::Open:
        m_errorString = QCoreApplication::translate("TransferJournal", "Could not open the transfer journal “%1”: %2")
                            .arg(path, why);
        break;
    case Failure::Read:
        m_errorString = QCoreApplication::translate("TransferJournal", "Could not read the transfer journal “%1”: %2")
                            .arg(path, why);
        break;
    case Failure::Write:
        m_errorString
            = QCoreApplication::translate("TransferJournal", "Could not write to the transfer journal “%1”: %2")
                  .arg(path, why);
        break;
    }
    return false;
}

bool TransferJournal::setUp()
{
    const QString lockPath = ownerLockPath(m_owner);
    if (!QDir().mkpath(QFileInfo(lockPath).absolutePath()))
        return fail(Failure::Open,
                    QCoreApplication::translate("TransferJournal", "the folder “%1” cannot be created")
                        .arg(QDir::toNativeSeparators(QFileInfo(lockPath).absolutePath())));
    m_ownerLock = std::make_unique<QLockFile>(lockPath);
    // Held for the process's life, never stale while it runs.
    m_ownerLock->setStaleLockTime(0);
    if (!m_ownerLock->tryLock(0))
        return fail(Failure::Open,
                    QCoreApplication::translate("TransferJournal", "the file “%1” cannot be written")
                        .arg(QDir::toNativeSeparators(lockPath)));

    if (const QString why = AppDatabase::open(m_databasePath, m_connectionName); !why.isEmpty())
        return fail(Failure::Open, why);
    QSqlQuery query(database(m_connectionName));
    const QStringList statements = {
        QStringLiteral("CREATE TABLE IF NOT EXISTS transfers ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " owner TEXT NOT NULL,"
                       " store TEXT NOT NULL,"
                       " kind INTEGER NOT NULL,"
                       " state INTEGER NOT NULL,"
                       // Text a transfer of some kind lacks (a delete's local path) is NULL.
                       " local_path TEXT,"
                       " source_type TEXT NOT NULL, source_id TEXT, source_name TEXT,"
                       " target_type TEXT NOT NULL, target_id TEXT,"
                       " bytes_total INTEGER NOT NULL,"
                       " attempts INTEGER NOT NULL DEFAULT 0,"
                       " not_before INTEGER NOT NULL DEFAULT 0,"
                       " error TEXT,"
                       " resume BLOB)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS transfers_by_store ON transfers (store, owner)"),
    };
    for (const QString& statement : statements) {
        if (!query.exec(statement))
            return fail(Failure::Open, query.lastError().text());
    }
    return upgrade(query);
}

bool TransferJournal::upgrade(QSqlQuery& query)
{
    // A journal from an earlier version gains the columns added since. The columns themselves say what is
    // there (a process killed mid-upgrade, or an older version run since, leaves user_version behind), and
    // the write lock keeps two processes from adding the same column.
    const auto failed = [this, &query] {
        const QString why = query.lastError().text();
        query.exec(QStringLiteral("ROLLBACK"));
        return fail(Failure::Open, why);
    };
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(Failure::Open, query.lastError().text());
    if (!query.exec(QStringLiteral("PRAGMA table_info(transfers)")))
        return failed();
    bool hasExpectedHash = false;
    while (query.next())
        hasExpectedHash |= query.value(1).toString() == QLatin1String("expected_hash");
    query.finish();
    if (!hasExpectedHash && !query.exec(QStringLiteral("ALTER TABLE transfers ADD COLUMN expected_hash TEXT")))
        return failed();
    if (!query.exec(QStringLiteral("PRAGMA user_version=%1").arg(SchemaVersion))
        || !query.exec(QStringLiteral("COMMIT")))
        return failed();
    return true;
}

qint64 TransferJournal::add(const Transfer& transfer, const QString& accountUri)
{
    if (!m_open)
        return 0;
    QSqlQuery query(database(m_connectionName));
    query.prepare(QStringLiteral(
        "INSERT INTO transfers (owner, store, kind, state, local_path, source_type, source_id, source_name,"
        " target_type, target_id, bytes_total, attempts, not_before, error, resume, expected_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(m_owner);
    query.addBindValue(accountUri);
    query.addBindValue(static_cast<int>(transfer.kind));
    query.addBindValue(static_cast<int>(transfer.state));
    query.addBindValue(transfer.localPath);
    query.addBindValue(entityType(transfer.source.entity));
    query.addBindValue(transfer.source.entity.id);
    query.addBindValue(transfer.source.name);
    query.addBindValue(entityType(transfer.target));
    query.addBindValue(transfer.target.id);
    query.addBindValue(transfer.bytesTotal);
    query.addBindValue(transfer.attempts);
    query.addBindValue(transfer.notBefore.isValid() ? transfer.notBefore.toMSecsSinceEpoch() : 0);
    query.addBindValue(transfer.errorString);
    query.addBindValue(transfer.resumeState);
    query.addBindValue(transfer.expectedContentHash);
    if (!query.exec()) {
        fail(Failure::Write, query.lastError().text());
        return 0;
    }
    return query.lastInsertId().toLongLong();
}

bool TransferJournal::update(const Transfer& transfer)
{
    if (!m_open || transfer.journalId <= 0)
        return false;
    QSqlQuery query(database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE transfers SET state = ?, attempts = ?, not_before = ?, error = ?, resume = ?"
                                 " WHERE id = ?"));
    query.addBindValue(static_cast<int>(transfer.state));
    query.addBindValue(transfer.attempts);
    query.addBindValue(transfer.notBefore.isValid() ? transfer.notBefore.toMSecsSinceEpoch() : 0);
    query.addBindValue(transfer.errorString);
    query.addBindValue(transfer.resumeState);
    query.addBindValue(transfer.journalId);
    if (!query.exec())
        return fail(Failure::Write, query.lastError().text());
    return true;
}

bool TransferJournal::remove(qint64 journalId)
{
    if (!m_open || journalId <= 0)
        return false;
    QSqlQuery query(database(m_connectionName));
    query.prepare(QStringLiteral("DELETE FROM transfers WHERE id = ?"));
    query.addBindValue(journalId);
    if (!query.exec())
        return fail(Failure::Write, query.lastError().text());
    return true;
}

QList<Transfer> TransferJournal::takeOver(const QString& storeUri, const QString& givenAccountUri)
{
    const QString accountUri = givenAccountUri.isEmpty() ? storeUri : givenAccountUri;
    QList<Transfer> transfers;
    if (!m_open)
        return transfers;
    QSqlDatabase db = database(m_connectionName);
    QSqlQuery query(db);
    // The store's rows, of any account: the store's uri alone (written before accounts were told apart, or the
    // account itself), or, for a store that tells accounts apart, followed by "#" and an account, which has no "#"
    // of its own. A uri may hold "#" itself ("local:/srv/Client#2"): another store's rows are never taken for this
    // one's other accounts.
    const bool hasAccounts = accountUri != storeUri;
    const QString ofStore = QStringLiteral("(store = :uri OR (:accounts AND substr(store, 1, length(:prefix)) = :prefix"
                                           " AND instr(substr(store, length(:prefix) + 1), '#') = 0))");
    const auto bindStore = [&storeUri, hasAccounts](QSqlQuery& query) {
        query.bindValue(QStringLiteral(":uri"), storeUri);
        query.bindValue(QStringLiteral(":accounts"), hasAccounts);
        query.bindValue(QStringLiteral(":prefix"), QString(storeUri + QLatin1Char('#')));
    };
    query.prepare(QStringLiteral("SELECT DISTINCT owner FROM transfers WHERE %1 AND owner != :owner").arg(ofStore));
    bindStore(query);
    query.bindValue(QStringLiteral(":owner"), m_owner);
    QStringList owners;
    if (query.exec()) {
        while (query.next())
            owners.append(query.value(0).toString());
    }
    for (const QString& owner : std::as_const(owners)) {
        // An owner still running holds its lock; one that has ended has left none, or a stale one (its
        // process is gone), which tryLock clears. Holding the lock while updating keeps two processes from
        // taking over the same transfers.
        QLockFile ownerLock(ownerLockPath(owner));
        if (!ownerLock.tryLock(0))
            continue;
        QSqlQuery adopt(db);
        adopt.prepare(QStringLiteral("UPDATE transfers SET owner = :owner WHERE owner = :left AND %1").arg(ofStore));
        adopt.bindValue(QStringLiteral(":owner"), m_owner);
        adopt.bindValue(QStringLiteral(":left"), owner);
        bindStore(adopt);
        if (!adopt.exec())
            fail(Failure::Write, adopt.lastError().text());
    }
    // Written before accounts were told apart, when this account's was the work there was: it carries on.
    QSqlQuery earlier(db);
    earlier.prepare(QStringLiteral("UPDATE transfers SET store = :account WHERE owner = :owner AND store = :uri"));
    earlier.bindValue(QStringLiteral(":account"), accountUri);
    earlier.bindValue(QStringLiteral(":owner"), m_owner);
    earlier.bindValue(QStringLiteral(":uri"), storeUri);
    if (!earlier.exec())
        fail(Failure::Write, earlier.lastError().text());
    // Another account's work is never carried out on this one unasked: a delete queued for one Fortnox company
    // would delete another's document of the same name.
    QSqlQuery foreign(db);
    foreign.prepare(QStringLiteral("UPDATE transfers SET store = :account, state = :failed, error = :why"
                                   " WHERE owner = :owner AND store != :account AND %1")
                        .arg(ofStore));
    foreign.bindValue(QStringLiteral(":account"), accountUri);
    foreign.bindValue(QStringLiteral(":failed"), static_cast<int>(Transfer::State::Failed));
    foreign.bindValue(QStringLiteral(":why"),
                      QCoreApplication::translate("TransferJournal",
                                                  "Queued for an account that is no longer connected. Retry it to "
                                                  "carry it out with the account connected now."));
    foreign.bindValue(QStringLiteral(":owner"), m_owner);
    bindStore(foreign);
    if (!foreign.exec())
        fail(Failure::Write, foreign.lastError().text());

    query.prepare(QStringLiteral(
        "SELECT id, kind, state, local_path, source_type, source_id, source_name, target_type, target_id,"
        " bytes_total, attempts, not_before, error, resume, expected_hash FROM transfers WHERE store = ? AND owner = ?"
        " ORDER BY id"));
    query.addBindValue(accountUri);
    query.addBindValue(m_owner);
    if (!query.exec()) {
        fail(Failure::Read, query.lastError().text());
        return transfers;
    }
    while (query.next()) {
        Transfer transfer;
        transfer.journalId = query.value(0).toLongLong();
        transfer.kind = static_cast<Transfer::Kind>(query.value(1).toInt());
        // A transfer that was running when its process ended waits to run again.
        transfer.state = static_cast<Transfer::State>(query.value(2).toInt()) == Transfer::State::Failed
            ? Transfer::State::Failed
            : Transfer::State::Queued;
        transfer.localPath = query.value(3).toString();
        const auto sourceType = EntityTypes::fromName(query.value(4).toString());
        const auto targetType = EntityTypes::fromName(query.value(7).toString());
        if (!sourceType || !targetType)
            continue;
        transfer.source
            = AttachmentRef { EntityRef { *sourceType, query.value(5).toString() }, query.value(6).toString() };
        transfer.target = EntityRef { *targetType, query.value(8).toString() };
        transfer.bytesTotal = query.value(9).toLongLong();
        transfer.attempts = query.value(10).toInt();
        if (const qint64 notBefore = query.value(11).toLongLong(); notBefore > 0)
            transfer.notBefore = QDateTime::fromMSecsSinceEpoch(notBefore);
        transfer.errorString = query.value(12).toString();
        transfer.resumeState = query.value(13).toByteArray();
        transfer.expectedContentHash = query.value(14).toString();
        transfers.append(transfer);
    }
    return transfers;
}
