// Transfer: what each kind of transfer says about itself and which entities it changes.

#include "Transfer.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Transfer::Kind)
Q_DECLARE_METATYPE(Transfer::State)

class TestTransfer : public QObject
{
    Q_OBJECT

private slots:
    void descriptionAndAffected_data();
    void descriptionAndAffected();
    void isFinished_data();
    void isFinished();
};

void TestTransfer::descriptionAndAffected_data()
{
    QTest::addColumn<Transfer::Kind>("kind");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QList<EntityRef>>("affected");

    const EntityRef inbox { EntityType::Inbox, u"Unsorted"_s };
    const EntityRef invoice { EntityType::Invoices, u"4455"_s };
    QTest::newRow("upload") << Transfer::Kind::Upload << u"Upload to Invoice 4455"_s << QList<EntityRef> { invoice };
    QTest::newRow("download") << Transfer::Kind::Download << u"Download from Inbox folder Unsorted"_s
                              << QList<EntityRef> {};
    QTest::newRow("delete") << Transfer::Kind::Delete << u"Delete from Inbox folder Unsorted"_s
                            << QList<EntityRef> { inbox };
    QTest::newRow("move") << Transfer::Kind::Move << u"Move to Invoice 4455"_s << QList<EntityRef> { inbox, invoice };
}

void TestTransfer::descriptionAndAffected()
{
    QFETCH(Transfer::Kind, kind);
    QFETCH(QString, description);
    QFETCH(QList<EntityRef>, affected);

    Transfer transfer;
    transfer.kind = kind;
    transfer.source = AttachmentRef { EntityRef { EntityType::Inbox, u"Unsorted"_s }, u"scan.pdf"_s };
    transfer.target = EntityRef { EntityType::Invoices, u"4455"_s };
    if (kind == Transfer::Kind::Upload)
        transfer.source = AttachmentRef { transfer.target, u"scan.pdf"_s };
    QCOMPARE(transfer.description(), description);
    QCOMPARE(transfer.affectedEntities(), affected);
    QCOMPARE(transfer.displayName(), u"scan.pdf"_s);
}

void TestTransfer::isFinished_data()
{
    QTest::addColumn<Transfer::State>("state");
    QTest::addColumn<bool>("finished");
    QTest::newRow("queued") << Transfer::State::Queued << false;
    QTest::newRow("running") << Transfer::State::Running << false;
    QTest::newRow("done") << Transfer::State::Done << true;
    QTest::newRow("failed") << Transfer::State::Failed << true;
    QTest::newRow("cancelled") << Transfer::State::Cancelled << true;
}

void TestTransfer::isFinished()
{
    QFETCH(Transfer::State, state);
    QFETCH(bool, finished);
    Transfer transfer;
    transfer.state = state;
    QCOMPARE(transfer.isFinished(), finished);
}

QTEST_GUILESS_MAIN(TestTransfer)
#include "TestTransfer.moc"
