// TransferModel: a well-behaved table over the transfer queue while transfers come, progress, end and go.

#include "CoreTestHelpers.h"
#include "LocalStore.h"
#include "TransferModel.h"
#include "TransferQueue.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using State = Transfer::State;

class TestTransferModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void columnsAndHeaders();
    void rowsFollowTheQueue();
    void doneRowShowsCompletion();
    void failedRowCanBeRetried();
    void cancelledRowCanBeRetried();
    void modelOverExistingQueue();
    void waitingRowsSayTheyArePaused();

private:
    QString source(const QString& name, const QByteArray& data)
    {
        const QString path = m_sources->filePath(name);
        return CoreTest::writeFile(path, data) ? path : QString();
    }
    QVariant data(int row, int column, int role = Qt::DisplayRole) const
    {
        return m_model->data(m_model->index(row, column), role);
    }

    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<QTemporaryDir> m_sources;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<TransferQueue> m_queue;
    std::unique_ptr<TransferModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    const EntityRef m_invoice { EntityType::Invoices, u"4455"_s };
};

void TestTransferModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTransferModel::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    m_sources = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    QVERIFY(m_sources->isValid());
    m_store = std::make_unique<LocalStore>(m_root->path());
    m_queue = std::make_unique<TransferQueue>(m_store.get());
    m_model = std::make_unique<TransferModel>(m_queue.get());
    // Checks every signal and answer of the model for consistency, failing the test at once.
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TestTransferModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_queue.reset();
    m_store.reset();
    m_sources.reset();
    m_root.reset();
}

void TestTransferModel::columnsAndHeaders()
{
    QCOMPARE(m_model->columnCount(), 4);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->headerData(TransferModel::NameColumn, Qt::Horizontal).toString(), u"File"_s);
    QCOMPARE(m_model->headerData(TransferModel::ActionColumn, Qt::Horizontal).toString(), u"Action"_s);
    QCOMPARE(m_model->headerData(TransferModel::ProgressColumn, Qt::Horizontal).toString(), u"Progress"_s);
    QCOMPARE(m_model->headerData(TransferModel::StatusColumn, Qt::Horizontal).toString(), u"Status"_s);
    QVERIFY(!m_model->headerData(0, Qt::Vertical).isValid());
    QVERIFY(!m_model->headerData(TransferModel::NameColumn, Qt::Horizontal, Qt::DecorationRole).isValid());
}

void TestTransferModel::rowsFollowTheQueue()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);

    const int big = m_queue->enqueueUpload(source(u"big.pdf"_s, CoreTest::patternData(5 * 1024 * 1024)), m_invoice);
    const int small = m_queue->enqueueUpload(source(u"small.pdf"_s, "small"), m_invoice);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->idAt(0), big);
    QCOMPARE(m_model->idAt(1), small);
    QCOMPARE(data(0, TransferModel::NameColumn).toString(), u"big.pdf"_s);
    QCOMPARE(data(0, TransferModel::ActionColumn).toString(), u"Upload to Invoice 4455"_s);
    QCOMPARE(data(0, TransferModel::StatusColumn).toString(), u"Waiting"_s);
    QCOMPARE(data(0, 0, TransferModel::StateRole).toInt(), static_cast<int>(State::Queued));
    QCOMPARE(data(0, 0, TransferModel::CanCancelRole).toBool(), true);
    QCOMPARE(data(0, 0, TransferModel::IdRole).toInt(), big);

    QVERIFY(drained.wait(30000));
    // Started, progressed over several chunks, finished: each a change of the whole row.
    QVERIFY(changed.count() >= 4);
    for (const QList<QVariant>& args : std::as_const(changed)) {
        const QModelIndex topLeft = args.at(0).toModelIndex();
        const QModelIndex bottomRight = args.at(1).toModelIndex();
        QCOMPARE(topLeft.column(), 0);
        QCOMPARE(bottomRight.column(), TransferModel::ColumnCount - 1);
        QCOMPARE(topLeft.row(), bottomRight.row());
    }

    // Named as the window names the record (a Fortnox folder by its title), the column redrawn.
    changed.clear();
    m_model->setEntityTitles([](const EntityRef& entity) -> QString { return u"Kunden "_s + entity.id; });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(TransferModel::ActionColumn));
    QCOMPARE(data(1, TransferModel::ActionColumn).toString(), u"Upload to Kunden 4455"_s);

    m_queue->clearFinished();
    QCOMPARE(removed.count(), 2);
    QCOMPARE(m_model->rowCount(), 0);
}

void TestTransferModel::doneRowShowsCompletion()
{
    const int id = m_queue->enqueueUpload(source(u"a.pdf"_s, CoreTest::patternData(3 * 1024 * 1024)), m_invoice);
    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);
    QVERIFY(drained.wait(30000));
    QCOMPARE(m_queue->transfer(id).state, State::Done);
    QCOMPARE(data(0, 0, TransferModel::PercentRole).toInt(), 100);
    QCOMPARE(data(0, TransferModel::ProgressColumn).toInt(), 100);
    QCOMPARE(data(0, TransferModel::StatusColumn).toString(), u"Done"_s);
    QCOMPARE(data(0, 0, TransferModel::StateRole).toInt(), static_cast<int>(State::Done));
    QCOMPARE(data(0, 0, TransferModel::CanCancelRole).toBool(), false);
    QCOMPARE(data(0, 0, TransferModel::CanRetryRole).toBool(), false);

    // The name was taken by then: the row says which name the document has.
    m_queue->enqueueUpload(source(u"a.pdf"_s, "another"), m_invoice);
    QVERIFY(drained.wait(30000));
    QCOMPARE(data(1, TransferModel::NameColumn).toString(), u"a.pdf"_s);
    QCOMPARE(data(1, TransferModel::StatusColumn).toString(), u"Done, as “a (2).pdf”"_s);
}

void TestTransferModel::failedRowCanBeRetried()
{
    const QString missing = m_sources->filePath(u"missing.pdf"_s);
    m_queue->enqueueUpload(missing, m_invoice);
    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);
    QVERIFY(drained.wait(30000));
    QCOMPARE(data(0, 0, TransferModel::StateRole).toInt(), static_cast<int>(State::Failed));
    QCOMPARE(data(0, 0, TransferModel::CanRetryRole).toBool(), true);
    QCOMPARE(data(0, 0, TransferModel::CanCancelRole).toBool(), false);
    QVERIFY(data(0, TransferModel::StatusColumn).toString().startsWith(u"Failed: "_s));
    // The tooltip gives the whole reason, which names the file.
    QVERIFY(data(0, TransferModel::StatusColumn, Qt::ToolTipRole).toString().contains(missing));
    QVERIFY(data(0, 0, TransferModel::PercentRole).toInt() < 100);
}

void TestTransferModel::cancelledRowCanBeRetried()
{
    m_queue->setPaused(true);
    const int id = m_queue->enqueueUpload(source(u"a.pdf"_s, "a"), m_invoice);
    m_queue->cancel(id);
    QCOMPARE(data(0, TransferModel::StatusColumn).toString(), u"Cancelled"_s);
    QCOMPARE(data(0, 0, TransferModel::CanRetryRole).toBool(), true);
    QCOMPARE(data(0, 0, TransferModel::CanCancelRole).toBool(), false);

    m_queue->retry(id);
    m_queue->setPaused(false);
    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);
    QVERIFY(drained.wait(30000));
    QCOMPARE(data(0, 0, TransferModel::PercentRole).toInt(), 100);
}

void TestTransferModel::modelOverExistingQueue()
{
    m_queue->setPaused(true);
    const int a = m_queue->enqueueUpload(source(u"a.pdf"_s, "a"), m_invoice);
    const int b = m_queue->enqueueUpload(source(u"b.pdf"_s, "b"), m_invoice);
    TransferModel late(m_queue.get());
    QAbstractItemModelTester tester(&late, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(late.rowCount(), 2);
    QCOMPARE(late.idAt(0), a);
    QCOMPARE(late.idAt(1), b);
    QCOMPARE(late.data(late.index(1, TransferModel::NameColumn)).toString(), u"b.pdf"_s);
    m_queue->setPaused(false);
    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);
    QVERIFY(drained.wait(30000));
    m_queue->clearFinished();
    QCOMPARE(late.rowCount(), 0);
}

// A paused queue's waiting transfers say so, and say it no more once it is resumed.
void TestTransferModel::waitingRowsSayTheyArePaused()
{
    m_queue->setPaused(true);
    m_queue->enqueueUpload(source(u"later.pdf"_s, "later"), m_invoice);
    QCOMPARE(data(0, TransferModel::StatusColumn).toString(), u"Paused"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy drained(m_queue.get(), &TransferQueue::drained);
    m_queue->setPaused(false);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.first().at(0).toModelIndex(), m_model->index(0, TransferModel::StatusColumn));
    QVERIFY(drained.wait());
    QCOMPARE(data(0, TransferModel::StatusColumn).toString(), u"Done"_s);
}

QTEST_GUILESS_MAIN(TestTransferModel)
#include "TestTransferModel.moc"
