#pragma once

#include "AppDatabase.h"
#include "Transfer.h"

#include <QList>
#include <QString>

#include <memory>

class QLockFile;
class QSqlQuery;

// The transfer queue on disk: a table in the app's SQLite database (QtSql) in its data folder. A transfer
// is written here before it starts and deleted only once the store has confirmed it, or the user has
// cancelled or cleared it, so a crash or kill -9 loses nothing. The window and attache-cli share the
// database: each process holds a lock file of its own while it runs, and takes over only the transfers of
// processes that no longer hold theirs.
class TransferJournal
{
public:
    explicit TransferJournal(const QString& databasePath = AppDatabase::defaultPath());
    ~TransferJournal();
    TransferJournal(const TransferJournal&) = delete;
    TransferJournal& operator=(const TransferJournal&) = delete;

    // False when the database could not be opened or set up; errorString() says why.
    bool isOpen() const { return m_open; }
    QString errorString() const { return m_errorString; }
    QString databasePath() const { return m_databasePath; }

    // Writes a new transfer for the store's account (Store::accountUri), owned by this process, and returns its
    // journal id; 0 when it could not.
    qint64 add(const Transfer& transfer, const QString& accountUri);
    // Writes what may change while it waits or runs: its state, attempts, backoff, error and resume state.
    bool update(const Transfer& transfer);
    bool remove(qint64 journalId);
    // The transfers for the store's account that processes which have ended left behind (killed, crashed, or
    // closed with work left), oldest first. They become this process's own. Those left for another account of
    // the same store come too, failed: they run only when the user retries them with this account. No accountUri:
    // the store's uri is its account.
    QList<Transfer> takeOver(const QString& storeUri, const QString& accountUri = {});

private:
    enum class Failure { Open, Read, Write };

    bool setUp();
    bool upgrade(QSqlQuery& query);
    // Sets errorString() and returns false.
    bool fail(Failure failure, const QString& why);
    QString ownerLockPath(const QString& owner) const;

    const QString m_databasePath;
    const QString m_connectionName;
    const QString m_owner;
    std::unique_ptr<QLockFile> m_ownerLock;
    bool m_open = false;
    QString m_errorString;
};
