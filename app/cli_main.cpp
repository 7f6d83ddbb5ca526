#include "CliRunner.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Attache"));
    QCoreApplication::setApplicationName(QStringLiteral("attache-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATTACHE_VERSION));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("attache"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || translator.load(QStringLiteral("attache_en"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    CliRunner runner;
    QObject::connect(&runner, &CliRunner::finished, &app, &QCoreApplication::exit);
    runner.start(QCoreApplication::arguments());
    return QCoreApplication::exec();
}
