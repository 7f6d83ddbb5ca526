#include "EntityTreeModel.h"
#include "MainWindow.h"
#include "Settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Attache"));
    QApplication::setApplicationName(QStringLiteral("attache"));
    QApplication::setApplicationVersion(QStringLiteral(ATTACHE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.attache.Attache"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
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
