#include "FileIconProvider.h"

#include <QIcon>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

// Icons for documents: the desktop's icon theme first, Attaché's own icons where the theme has none.
class TestFileIconProvider : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void themeIconForTheType_data();
    void themeIconForTheType();
    void bundledIconWithoutATheme_data();
    void bundledIconWithoutATheme();

private:
    QTemporaryDir m_noThemes;
};

void TestFileIconProvider::init()
{
    // The desktop's themes, as an X session finds them (the offscreen platform names no folders of its own).
    QIcon::setThemeSearchPaths({ QStringLiteral("/usr/share/icons") });
    QIcon::setFallbackThemeName(QString());
}

void TestFileIconProvider::themeIconForTheType_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("iconName");
    // Adwaita has no icon for PDF or Word files themselves, and gives its generic office document.
    QTest::newRow("pdf") << QStringLiteral("Invoice 4455.pdf") << QStringLiteral("x-office-document");
    QTest::newRow("word") << QStringLiteral("Contract.docx") << QStringLiteral("x-office-document");
    QTest::newRow("image") << QStringLiteral("Receipt.JPG") << QStringLiteral("image-x-generic");
    QTest::newRow("text") << QStringLiteral("notes.txt") << QStringLiteral("text-x-generic");
}

void TestFileIconProvider::themeIconForTheType()
{
    QFETCH(QString, fileName);
    QFETCH(QString, iconName);
    QIcon::setThemeName(QStringLiteral("Adwaita"));
    FileIconProvider provider;
    QCOMPARE(provider.icon(fileName).name(), iconName);
}

void TestFileIconProvider::bundledIconWithoutATheme_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("bundled");
    QTest::newRow("pdf") << QStringLiteral("Invoice 4455.pdf") << QStringLiteral("page_white_acrobat");
    QTest::newRow("image") << QStringLiteral("scan.tiff") << QStringLiteral("page_white_picture");
    QTest::newRow("spreadsheet") << QStringLiteral("ledger.xlsx") << QStringLiteral("page_white_excel");
    QTest::newRow("unknown") << QStringLiteral("data.xyz") << QStringLiteral("page_white");
}

void TestFileIconProvider::bundledIconWithoutATheme()
{
    QFETCH(QString, fileName);
    QFETCH(QString, bundled);
    // No themes at all, not even hicolor.
    QIcon::setThemeSearchPaths({ m_noThemes.path() });
    QIcon::setThemeName(QStringLiteral("attache-test-no-such-theme"));
    FileIconProvider provider;
    const QIcon icon = provider.icon(fileName);
    QVERIFY(!icon.isNull());
    const QIcon expected(QStringLiteral(":/icons/%1.svg").arg(bundled));
    QCOMPARE(icon.pixmap(32).toImage(), expected.pixmap(32).toImage());
}

QTEST_MAIN(TestFileIconProvider)
#include "TestFileIconProvider.moc"
