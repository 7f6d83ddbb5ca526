#include "EntityTreeModel.h"
#include "MainWindow.h"
#include "Settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace {
// The texts Qt 6 gives standard dialog buttons. Debian has no Qt 6 catalogue for some languages (Swedish among
// them), only the older qt_XX one without these; the app's own catalogue carries them, and its translator, installed
// for the whole application, answers for this context too.
[[maybe_unused]] const char* const standardButtonTexts[] = {
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),      QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),   QT_TRANSLATE_NOOP("QPlatformTheme", "Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No"),      QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
};
} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Attache"));
    QApplication::setApplicationName(QStringLiteral("attache"));
    QApplication::setApplicationVersion(QStringLiteral(ATTACHE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.attache.Attache"));
    // Where the desktop names no icon theme (a bare X session, some window managers), Adwaita's icons rather than
    // a toolbar of words.
    QIcon::setFallbackThemeName(QStringLiteral("Adwaita"));

    QTranslator qtTranslator;
    // Debian's qt6-translations-l10n ships some languages (Swedish among them) only as the older qt_XX catalogue.
    const QString qtTranslations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), qtTranslations)
        || qtTranslator.load(QLocale(), QStringLiteral("qt"), QStringLiteral("_"), qtTranslations))
        QApplication::installTranslator(&qtTranslator);
    // English is the fallback: its translation holds the plural forms.
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("attache"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral("attache_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Attaché"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Attach receipts, invoices and contracts to accounting records."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    // Closing the window while transfers run keeps Attaché in the tray; Quit ends it.
    QApplication::setQuitOnLastWindowClosed(true);
    Settings settings;
    MainWindow window(settings);
    window.show();
    // For the start-up benchmark: the time until the window is shown and filled, from the cache when it
    // has the records (once the shown window has had its first turn of the event loop), else from the store.
    if (qEnvironmentVariableIsSet("ATTACHE_BENCHMARK_STARTUP")) {
        const auto report = [&sinceStart] {
            std::printf("startup_ms %lld\n", static_cast<long long>(sinceStart.elapsed()));
            QApplication::quit();
        };
        if (window.entityModel()->hasCachedListing())
            QTimer::singleShot(0, &app, report);
        else
            QObject::connect(window.entityModel(), &EntityTreeModel::loaded, &app, report);
    }
    return QApplication::exec();
}
