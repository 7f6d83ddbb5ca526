// EntityType, EntityRef and AttachmentRef: the names of record types and the "type/id/name" references.

#include "AttachmentRef.h"
#include "EntityRef.h"
#include "EntityType.h"

#include <QScopeGuard>
#include <QSet>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

class TestEntityType : public QObject
{
    Q_OBJECT

private slots:
    void allInOrder();
    void names_data();
    void names();
    void fromName_data();
    void fromName();
    void fromNameRejectsJunk_data();
    void fromNameRejectsJunk();
    void entityTitle();
    void entityRefParses_data();
    void entityRefParses();
    void entityRefRoundTrip();
    void entityRefRejects_data();
    void entityRefRejects();
    void attachmentRefParses();
    void attachmentRefRoundTrip();
    void attachmentRefRejects_data();
    void attachmentRefRejects();
    void refsHashAndCompare();
};

void TestEntityType::allInOrder()
{
    const QList<EntityType> expected = { EntityType::Quotes,    EntityType::Invoices,     EntityType::Purchases,
                                         EntityType::Customers, EntityType::BankAccounts, EntityType::Inbox };
    QCOMPARE(EntityTypes::standard(), expected);
    // Fortnox's come after.
    QCOMPARE(
        EntityTypes::all(),
        (expected + QList<EntityType> { EntityType::Vouchers, EntityType::Archive, EntityType::SupplierInvoices }));
}

void TestEntityType::names_data()
{
    QTest::addColumn<EntityType>("type");
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("display");
    QTest::newRow("quotes") << EntityType::Quotes << u"Quotes"_s << u"quotes"_s << u"Quote number"_s << u"Quotes"_s;
    QTest::newRow("invoices") << EntityType::Invoices << u"Invoices"_s << u"invoices"_s << u"Invoice number"_s
                              << u"Invoices"_s;
    QTest::newRow("purchases") << EntityType::Purchases << u"Purchases"_s << u"purchases"_s << u"Purchase number"_s
                               << u"Purchases"_s;
    QTest::newRow("customers") << EntityType::Customers << u"Customers"_s << u"customers"_s << u"Customer code"_s
                               << u"Customers"_s;
    QTest::newRow("bank accounts") << EntityType::BankAccounts << u"BankAccounts"_s << u"bankaccounts"_s
                                   << u"Bank account name"_s << u"Bank accounts"_s;
    QTest::newRow("inbox") << EntityType::Inbox << u"Inbox"_s << u"inbox"_s << u"Folder name"_s << u"Inbox"_s;
    QTest::newRow("vouchers") << EntityType::Vouchers << u"Vouchers"_s << u"vouchers"_s << u"Voucher"_s
                              << u"Vouchers"_s;
    QTest::newRow("archive") << EntityType::Archive << u"Archive"_s << u"archive"_s << u"Folder name"_s << u"Archive"_s;
    QTest::newRow("supplier invoices") << EntityType::SupplierInvoices << u"SupplierInvoices"_s << u"supplierinvoices"_s
                                       << u"Supplier invoice number"_s << u"Supplier invoices"_s;
}

void TestEntityType::names()
{
    QFETCH(EntityType, type);
    QFETCH(QString, folder);
    QFETCH(QString, url);
    QFETCH(QString, key);
    QFETCH(QString, display);
    QCOMPARE(EntityTypes::folderName(type), folder);
    QCOMPARE(EntityTypes::urlName(type), url);
    QCOMPARE(EntityTypes::keyLabel(type), key);
    QCOMPARE(EntityTypes::displayName(type), display);
    QCOMPARE(EntityTypes::fromName(folder), std::optional<EntityType>(type));
    QCOMPARE(EntityTypes::fromName(url), std::optional<EntityType>(type));
}

void TestEntityType::fromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<EntityType>("type");
    QTest::newRow("invoices") << u"invoices"_s << EntityType::Invoices;
    QTest::newRow("Invoices") << u"Invoices"_s << EntityType::Invoices;
    QTest::newRow("INVOICES") << u"INVOICES"_s << EntityType::Invoices;
    QTest::newRow("BANKACCOUNTS") << u"BANKACCOUNTS"_s << EntityType::BankAccounts;
    QTest::newRow("bankAccounts") << u"bankAccounts"_s << EntityType::BankAccounts;
    QTest::newRow("InBox") << u"InBox"_s << EntityType::Inbox;
}

void TestEntityType::fromName()
{
    QFETCH(QString, name);
    QFETCH(EntityType, type);
    QCOMPARE(EntityTypes::fromName(name), std::optional<EntityType>(type));
}

void TestEntityType::fromNameRejectsJunk_data()
{
    QTest::addColumn<QString>("name");
    for (const char* junk :
         { "", "invoice", "bank accounts", "bank_accounts", " invoices", "invoices ", "nope", "invoices/4455", "4455" })
        QTest::newRow(*junk ? junk : "empty") << QString::fromLatin1(junk);
}

void TestEntityType::fromNameRejectsJunk()
{
    QFETCH(QString, name);
    QCOMPARE(EntityTypes::fromName(name), std::nullopt);
}

void TestEntityType::entityTitle()
{
    QCOMPARE(EntityTypes::entityTitle(EntityType::Invoices, u"4455"_s), u"Invoice 4455"_s);
    QCOMPARE(EntityTypes::entityTitle(EntityType::Customers, u"ACME01"_s), u"Customer ACME01"_s);
    QCOMPARE(EntityTypes::entityTitle(EntityType::BankAccounts, u"Current"_s), u"Bank account Current"_s);
    // English writes the title alike inside a sentence.
    QCOMPARE(EntityTypes::entityTitle(EntityType::Invoices, u"4455"_s, EntityTypes::Wording::InSentence),
             u"Invoice 4455"_s);

    // Swedish writes it in lower case there: "6 dokument på faktura 4455".
    QTranslator swedish;
    QVERIFY(swedish.load(u"attache_sv"_s, u":/i18n"_s));
    QVERIFY(QCoreApplication::installTranslator(&swedish));
    const auto removeTranslator = qScopeGuard([&swedish] { QCoreApplication::removeTranslator(&swedish); });
    QCOMPARE(EntityTypes::entityTitle(EntityType::Invoices, u"4455"_s), u"Faktura 4455"_s);
    QCOMPARE(EntityTypes::entityTitle(EntityType::Invoices, u"4455"_s, EntityTypes::Wording::InSentence),
             u"faktura 4455"_s);
    for (const EntityType type : EntityTypes::all()) {
        const QString title = EntityTypes::entityTitle(type, u"1"_s);
        const QString inSentence = EntityTypes::entityTitle(type, u"1"_s, EntityTypes::Wording::InSentence);
        QVERIFY2(title.at(0).isUpper(), qPrintable(title));
        QCOMPARE(inSentence, title.at(0).toLower() + title.mid(1));
    }
}

void TestEntityType::entityRefParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<EntityType>("type");
    QTest::addColumn<QString>("id");
    QTest::newRow("invoices") << u"invoices/4455"_s << EntityType::Invoices << u"4455"_s;
    QTest::newRow("folder name") << u"Invoices/4455"_s << EntityType::Invoices << u"4455"_s;
    QTest::newRow("bank account with space")
        << u"bankaccounts/Main account"_s << EntityType::BankAccounts << u"Main account"_s;
    QTest::newRow("inbox") << u"inbox/Unsorted"_s << EntityType::Inbox << u"Unsorted"_s;
}

void TestEntityType::entityRefParses()
{
    QFETCH(QString, text);
    QFETCH(EntityType, type);
    QFETCH(QString, id);
    const auto ref = EntityRef::fromString(text);
    QVERIFY(ref.has_value());
    QCOMPARE(ref->type, type);
    QCOMPARE(ref->id, id);
}

void TestEntityType::entityRefRoundTrip()
{
    for (EntityType type : EntityTypes::all()) {
        const EntityRef ref { type, u"Kvitto 12"_s };
        QCOMPARE(ref.toString(), EntityTypes::urlName(type) + u"/Kvitto 12"_s);
        QCOMPARE(EntityRef::fromString(ref.toString()), std::optional<EntityRef>(ref));
    }
}

void TestEntityType::entityRefRejects_data()
{
    QTest::addColumn<QString>("text");
    for (const char* bad : { "", "invoices", "invoices/", "/4455", "nope/1", "invoices/1/2", "invoice/1", "/" })
        QTest::newRow(*bad ? bad : "empty") << QString::fromLatin1(bad);
}

void TestEntityType::entityRefRejects()
{
    QFETCH(QString, text);
    QCOMPARE(EntityRef::fromString(text), std::nullopt);
}

void TestEntityType::attachmentRefParses()
{
    const auto ref = AttachmentRef::fromString(u"invoices/4455/receipt.pdf"_s);
    QVERIFY(ref.has_value());
    QCOMPARE(ref->entity, (EntityRef { EntityType::Invoices, u"4455"_s }));
    QCOMPARE(ref->name, u"receipt.pdf"_s);

    const auto spaced = AttachmentRef::fromString(u"Inbox/Unsorted/Kvitto åäö (2).pdf"_s);
    QVERIFY(spaced.has_value());
    QCOMPARE(spaced->entity, (EntityRef { EntityType::Inbox, u"Unsorted"_s }));
    QCOMPARE(spaced->name, u"Kvitto åäö (2).pdf"_s);
}

void TestEntityType::attachmentRefRoundTrip()
{
    const AttachmentRef ref { EntityRef { EntityType::Purchases, u"P-77"_s }, u"a b.pdf"_s };
    QCOMPARE(ref.toString(), u"purchases/P-77/a b.pdf"_s);
    QCOMPARE(AttachmentRef::fromString(ref.toString()), std::optional<AttachmentRef>(ref));
}

void TestEntityType::attachmentRefRejects_data()
{
    QTest::addColumn<QString>("text");
    for (const char* bad : { "", "receipt.pdf", "invoices/4455", "invoices/4455/", "nope/1/a.pdf", "invoices//a.pdf",
                             "/4455/a.pdf", "invoices/1/2/a.pdf" })
        QTest::newRow(*bad ? bad : "empty") << QString::fromLatin1(bad);
}

void TestEntityType::attachmentRefRejects()
{
    QFETCH(QString, text);
    QCOMPARE(AttachmentRef::fromString(text), std::nullopt);
}

void TestEntityType::refsHashAndCompare()
{
    const EntityRef a { EntityType::Invoices, u"1"_s };
    const EntityRef b { EntityType::Quotes, u"1"_s };
    QVERIFY(a != b);
    QSet<EntityRef> set { a, b, EntityRef { EntityType::Invoices, u"1"_s } };
    QCOMPARE(set.size(), 2);

    const AttachmentRef x { a, u"r.pdf"_s };
    QSet<AttachmentRef> attachments { x, AttachmentRef { a, u"r.pdf"_s }, AttachmentRef { b, u"r.pdf"_s } };
    QCOMPARE(attachments.size(), 2);
    QVERIFY(x != (AttachmentRef { a, u"R.pdf"_s }));
}

QTEST_GUILESS_MAIN(TestEntityType)
#include "TestEntityType.moc"
