// TransferJournal: transfers kept on disk until confirmed, and taken over only from processes that ended.

#include "TransferJournal.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

#include <memory>

using namespace Qt::StringLiterals;

class TestTransferJournal : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void endedOwnersTransfersAreTakenOverWhole();
    void runningOwnerKeepsItsTransfers();
    void killedOwnersTransfersAreTakenOver();
    void onlyTheStoresOwnAreTakenOver();
    void anotherAccountsTransfersComeFailed();
    void removedTransfersAreGone();
    void unwritableFolderGivesClearError();
    void journalOfAnEarlierVersionIsUpgraded();
    void journalWhoseVersionLagsItsColumnsOpens();

private:
    QString path() const { return m_dir->filePath(u"attache.sqlite"_s); }
    static Transfer upload(const QString& localPath, const QString& name)
    {
        Transfer transfer;
        transfer.kind = Transfer::Kind::Upload;
        transfer.localPath = localPath;
        transfer.target = EntityRef { EntityType::Invoices, u"4455"_s };
        transfer.source = AttachmentRef { transfer.target, name };
        transfer.bytesTotal = 1234;
        return transfer;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    const QString m_store = u"dropbox:/Accounting"_s;
};

void TestTransferJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTransferJournal::cleanup()
{
    m_dir.reset();
}

void TestTransferJournal::endedOwnersTransfersAreTakenOverWhole()
{
    Transfer sent = upload(u"/home/anna/Kvitton/kvitto å.pdf"_s, u"kvitto å.pdf"_s);
    Transfer moved;
    moved.kind = Transfer::Kind::Move;
    moved.source = AttachmentRef { EntityRef { EntityType::Inbox, u"Unsorted"_s }, u"scan.png"_s };
    moved.target = EntityRef { EntityType::Purchases, u"P-17"_s };
    {
        TransferJournal first(path());
        QVERIFY2(first.isOpen(), qPrintable(first.errorString()));
        sent.journalId = first.add(sent, m_store);
        QVERIFY(sent.journalId > 0);
        moved.journalId = first.add(moved, m_store);
        QVERIFY(moved.journalId > sent.journalId);
        sent.attempts = 2;
        sent.notBefore = QDateTime::fromMSecsSinceEpoch(1'900'000'000'000);
        sent.errorString = u"Dropbox is busy."_s;
        sent.resumeState = R"({"session":"abc","confirmed":[[0,4194304]]})";
        QVERIFY(first.update(sent));
        // A second process while the first runs takes nothing.
        TransferJournal second(path());
        QVERIFY(second.takeOver(m_store).isEmpty());
    }
    TransferJournal next(path());
    const QList<Transfer> left = next.takeOver(m_store);
    QCOMPARE(left.size(), 2);
    const Transfer& a = left.at(0);
    QCOMPARE(a.journalId, sent.journalId);
    QCOMPARE(a.kind, Transfer::Kind::Upload);
    QCOMPARE(a.state, Transfer::State::Queued);
    QCOMPARE(a.localPath, sent.localPath);
    QCOMPARE(a.source, sent.source);
    QCOMPARE(a.target, sent.target);
    QCOMPARE(a.bytesTotal, 1234);
    QCOMPARE(a.attempts, 2);
    QCOMPARE(a.notBefore, sent.notBefore);
    QCOMPARE(a.errorString, sent.errorString);
    QCOMPARE(a.resumeState, sent.resumeState);
    const Transfer& b = left.at(1);
    QCOMPARE(b.kind, Transfer::Kind::Move);
    QCOMPARE(b.source, moved.source);
    QCOMPARE(b.target, moved.target);
    QCOMPARE(b.localPath, QString());
    // Taken over once: they are this process's now.
    TransferJournal another(path());
    QVERIFY(another.takeOver(m_store).isEmpty());
}

void TestTransferJournal::runningOwnerKeepsItsTransfers()
{
    TransferJournal running(path());
    QVERIFY(running.add(upload(u"/tmp/a.pdf"_s, u"a.pdf"_s), m_store) > 0);
    TransferJournal other(path());
    QVERIFY(other.takeOver(m_store).isEmpty());
    // Its own transfers are its own to carry on.
    QCOMPARE(running.takeOver(m_store).size(), 1);
}

void TestTransferJournal::killedOwnersTransfersAreTakenOver()
{
    // A child process records a transfer and dies without any clean-up, as under kill -9: its lock file
    // stays behind, naming a process that no longer runs.
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        TransferJournal doomed(path());
        const bool recorded = doomed.add(upload(u"/tmp/b.pdf"_s, u"b.pdf"_s), m_store) > 0;
        _exit(recorded ? 0 : 1);
    }
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QCOMPARE(QDir(m_dir->filePath(u"owners"_s)).entryList(QDir::Files).size(), 1);

    TransferJournal survivor(path());
    const QList<Transfer> left = survivor.takeOver(m_store);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().source.name, u"b.pdf"_s);
}

void TestTransferJournal::onlyTheStoresOwnAreTakenOver()
{
    {
        TransferJournal ended(path());
        QVERIFY(ended.add(upload(u"/tmp/c.pdf"_s, u"c.pdf"_s), u"local:/srv/docs"_s) > 0);
    }
    TransferJournal next(path());
    QVERIFY(next.takeOver(m_store).isEmpty());
    QCOMPARE(next.takeOver(u"local:/srv/docs"_s).size(), 1);
}

void TestTransferJournal::anotherAccountsTransfersComeFailed()
{
    const QString companyA = u"fortnox:#a1"_s;
    const QString companyB = u"fortnox:#b2"_s;
    {
        TransferJournal ended(path());
        Transfer deleted;
        deleted.kind = Transfer::Kind::Delete;
        deleted.source = AttachmentRef { EntityRef { EntityType::Inbox, u"root"_s }, u"faktura.pdf"_s };
        QVERIFY(ended.add(deleted, companyA) > 0);
        // From before accounts were told apart: the one connected then is taken to be the one connected now.
        QVERIFY(ended.add(upload(u"/tmp/f.pdf"_s, u"f.pdf"_s), u"fortnox:"_s) > 0);
        QVERIFY(ended.add(upload(u"/tmp/g.pdf"_s, u"g.pdf"_s), companyB) > 0);
        // Another store's, and ones whose uris merely begin alike, "#" included.
        QVERIFY(ended.add(upload(u"/tmp/h.pdf"_s, u"h.pdf"_s), m_store) > 0);
        QVERIFY(ended.add(upload(u"/tmp/i.pdf"_s, u"i.pdf"_s), u"fortnox:x"_s) > 0);
        QVERIFY(ended.add(upload(u"/tmp/j.pdf"_s, u"j.pdf"_s), u"local:/srv/Client#2"_s) > 0);
        QVERIFY(ended.add(upload(u"/tmp/k.pdf"_s, u"k.pdf"_s), u"dropbox:/Client#2#dbid:A"_s) > 0);
    }
    QList<Transfer> left;
    {
        TransferJournal next(path());
        left = next.takeOver(u"fortnox:"_s, companyB);
    }
    QCOMPARE(left.size(), 3);
    QHash<QString, Transfer> byName;
    for (const Transfer& transfer : std::as_const(left))
        byName.insert(transfer.source.name, transfer);
    QCOMPARE(byName.value(u"g.pdf"_s).state, Transfer::State::Queued);
    QCOMPARE(byName.value(u"f.pdf"_s).state, Transfer::State::Queued);
    QCOMPARE(byName.value(u"faktura.pdf"_s).state, Transfer::State::Failed);
    QVERIFY2(byName.value(u"faktura.pdf"_s).errorString.contains(u"no longer connected"_s),
             qPrintable(byName.value(u"faktura.pdf"_s).errorString));
    // With company A connected again, nothing runs unasked either, B's upload included.
    TransferJournal later(path());
    const QList<Transfer> again = later.takeOver(u"fortnox:"_s, companyA);
    QCOMPARE(again.size(), 3);
    for (const Transfer& transfer : again)
        QCOMPARE(transfer.state, Transfer::State::Failed);
    QCOMPARE(later.takeOver(m_store).size(), 1);
    QCOMPARE(later.takeOver(u"fortnox:x"_s).size(), 1);
    QVERIFY(later.takeOver(u"local:/srv/Client"_s).isEmpty());
    QVERIFY(later.takeOver(u"dropbox:/Client"_s, u"dropbox:/Client#dbid:A"_s).isEmpty());
    QCOMPARE(later.takeOver(u"local:/srv/Client#2"_s).size(), 1);
    QCOMPARE(later.takeOver(u"dropbox:/Client#2"_s, u"dropbox:/Client#2#dbid:A"_s).size(), 1);
}

void TestTransferJournal::removedTransfersAreGone()
{
    {
        TransferJournal ended(path());
        const qint64 done = ended.add(upload(u"/tmp/d.pdf"_s, u"d.pdf"_s), m_store);
        QVERIFY(ended.add(upload(u"/tmp/e.pdf"_s, u"e.pdf"_s), m_store) > 0);
        QVERIFY(ended.remove(done));
    }
    TransferJournal next(path());
    const QList<Transfer> left = next.takeOver(m_store);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().source.name, u"e.pdf"_s);
}

void TestTransferJournal::unwritableFolderGivesClearError()
{
    const QString blocker = m_dir->filePath(u"file"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    // Its folder would have to be inside a plain file.
    const QString impossible = blocker + u"/data/attache.sqlite"_s;
    TransferJournal journal(impossible);
    QVERIFY(!journal.isOpen());
    QVERIFY2(journal.errorString().contains(QDir::toNativeSeparators(impossible)), qPrintable(journal.errorString()));
    QCOMPARE(journal.add(upload(u"/tmp/f.pdf"_s, u"f.pdf"_s), m_store), 0);
    QVERIFY(journal.takeOver(m_store).isEmpty());
}

void TestTransferJournal::journalOfAnEarlierVersionIsUpgraded()
{
    {
        // Version 1, as the first release left it, with a delete a killed run never finished.
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"version1"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"CREATE TABLE transfers (id INTEGER PRIMARY KEY AUTOINCREMENT, owner TEXT NOT NULL,"
                           " store TEXT NOT NULL, kind INTEGER NOT NULL, state INTEGER NOT NULL, local_path TEXT,"
                           " source_type TEXT NOT NULL, source_id TEXT, source_name TEXT, target_type TEXT NOT NULL,"
                           " target_id TEXT, bytes_total INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
                           " not_before INTEGER NOT NULL DEFAULT 0, error TEXT, resume BLOB)"_s));
        QVERIFY(query.exec(u"INSERT INTO transfers (owner, store, kind, state, source_type, source_id, source_name,"
                           " target_type, bytes_total) VALUES ('gone', '%1', %2, 0, 'Invoices', '4455', 'old.pdf',"
                           " 'Inbox', -1)"_s.arg(m_store)
                               .arg(int(Transfer::Kind::Delete))));
        QVERIFY(query.exec(u"PRAGMA user_version=1"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"version1"_s);

    {
        TransferJournal journal(path());
        QVERIFY2(journal.isOpen(), qPrintable(journal.errorString()));
        const QList<Transfer> left = journal.takeOver(m_store);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().source.name, u"old.pdf"_s);
        QVERIFY(left.first().expectedContentHash.isEmpty());
        QVERIFY(journal.remove(left.first().journalId));

        // A delete now keeps the content it is for.
        Transfer guarded;
        guarded.kind = Transfer::Kind::Delete;
        guarded.source = AttachmentRef { EntityRef { EntityType::Invoices, u"4455"_s }, u"new.pdf"_s };
        guarded.expectedContentHash = u"abc123"_s;
        QVERIFY(journal.add(guarded, m_store) > 0);
    }
    TransferJournal next(path());
    const QList<Transfer> taken = next.takeOver(m_store);
    QCOMPARE(taken.size(), 1);
    QCOMPARE(taken.first().source.name, u"new.pdf"_s);
    QCOMPARE(taken.first().expectedContentHash, u"abc123"_s);
}

void TestTransferJournal::journalWhoseVersionLagsItsColumnsOpens()
{
    // As a process killed between adding a column and recording the version leaves it, or an older version
    // that ran since.
    {
        TransferJournal journal(path());
        QVERIFY(journal.isOpen());
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"lagging"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA user_version=1"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"lagging"_s);
    TransferJournal journal(path());
    QVERIFY2(journal.isOpen(), qPrintable(journal.errorString()));
    Transfer guarded;
    guarded.kind = Transfer::Kind::Delete;
    guarded.source = AttachmentRef { EntityRef { EntityType::Invoices, u"4455"_s }, u"a.pdf"_s };
    guarded.expectedContentHash = u"abc"_s;
    QVERIFY(journal.add(guarded, m_store) > 0);
}

QTEST_GUILESS_MAIN(TestTransferJournal)
#include "TestTransferJournal.moc"
