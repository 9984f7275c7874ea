import { Table, Tag } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import type { ParseKeys } from 'i18next';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { configurationQueryKey, fetchConfiguration, type Configuration } from './admin-console-api';
import { AdminConsolePage } from './AdminConsolePage';
import { BreakableAddress } from './BreakableAddress';

/** "Configuration": how this server runs, read only, with every secret hidden by the server. */
export function ConfigurationPage() {
  const { t } = useTranslation();
  const configuration = useQuery({ queryKey: configurationQueryKey, queryFn: ({ signal }) => fetchConfiguration(signal) });
  return (
    <AdminConsolePage
      title={t('adminConsole.pages.configuration.title')}
      intro={t('adminConsole.pages.configuration.description')}
      query={configuration}
      loadingLabel={t('adminConsole.configuration.loading')}
    >
      {(config) => <ConfigurationView config={config} />}
    </AdminConsolePage>
  );
}

type Setting = [label: ParseKeys, variable: string, value: ReactNode];

function ConfigurationView({ config }: { config: Configuration }) {
  const { t } = useTranslation();
  const onOff = (value: boolean) => (value ? t('adminConsole.configuration.on') : t('adminConsole.configuration.off'));
  const secret = (value: 'hidden' | 'not_set') => (
    <Tag className={value === 'hidden' ? 'rc-config__hidden' : 'rc-config__not-set'} data-testid="secret">
      {value === 'hidden' ? t('adminConsole.configuration.hidden') : t('adminConsole.configuration.notSet')}
    </Tag>
  );
  const code = (text: string) => (
    <code className="rc-config__value">
      <BreakableAddress address={text} />
    </code>
  );
  const number = (value: number) => value.toLocaleString();
  const { database, mail } = config;
  const sections: [ParseKeys, Setting[]][] = [
    [
      'adminConsole.configuration.sections.server',
      [
        ['adminConsole.configuration.settings.environment', 'ROLECALL_ENV', code(config.environment)],
        ['adminConsole.configuration.settings.publicUrl', 'ROLECALL_PUBLIC_URL', code(config.publicUrl)],
        ['adminConsole.configuration.settings.host', 'ROLECALL_HOST', code(config.host)],
        ['adminConsole.configuration.settings.port', 'ROLECALL_PORT', String(config.port)],
        ['adminConsole.configuration.settings.trustProxy', 'ROLECALL_TRUST_PROXY', onOff(config.trustProxy)],
        ['adminConsole.configuration.settings.dataDir', 'ROLECALL_DATA_DIR', code(config.dataDir)],
        ['adminConsole.configuration.settings.webDir', 'ROLECALL_WEB_DIR', code(config.webDir)],
        ['adminConsole.configuration.settings.timeZone', 'ROLECALL_TIME_ZONE', code(config.timeZone)],
        ['adminConsole.configuration.settings.logLevel', 'ROLECALL_LOG_LEVEL', code(config.logLevel)],
        ['adminConsole.configuration.settings.governmentBanner', 'ROLECALL_GOV_BANNER', onOff(config.governmentBanner)],
        ['adminConsole.configuration.settings.phoneCodes', 'ROLECALL_PHONE_CODES', onOff(config.phoneCodes)],
        ['adminConsole.configuration.settings.mailViewer', 'ROLECALL_MAIL_VIEWER', onOff(config.mailViewer)],
        [
          'adminConsole.configuration.settings.catalogFile',
          'ROLECALL_CATALOG_FILE',
          config.catalogFile ? code(config.catalogFile) : t('adminConsole.configuration.values.noCatalogFile'),
        ],
      ],
    ],
    [
      'adminConsole.configuration.sections.database',
      database.kind === 'sqlite'
        ? [
            [
              'adminConsole.configuration.settings.databaseKind',
              'ROLECALL_DATABASE_URL',
              t('adminConsole.configuration.values.sqlite'),
            ],
            ['adminConsole.configuration.settings.databaseFile', 'ROLECALL_DATABASE_URL', code(database.file)],
          ]
        : [
            [
              'adminConsole.configuration.settings.databaseKind',
              'ROLECALL_DATABASE_URL',
              t('adminConsole.configuration.values.postgres'),
            ],
            ['adminConsole.configuration.settings.databaseHost', 'ROLECALL_DATABASE_URL', code(database.host)],
            [
              'adminConsole.configuration.settings.databasePort',
              'ROLECALL_DATABASE_URL',
              database.port === null ? t('adminConsole.configuration.defaultValue') : String(database.port),
            ],
            ['adminConsole.configuration.settings.databaseName', 'ROLECALL_DATABASE_URL', code(database.name)],
            ['adminConsole.configuration.settings.databaseUser', 'ROLECALL_DATABASE_URL', code(database.user)],
            ['adminConsole.configuration.settings.databasePassword', 'ROLECALL_DATABASE_URL', secret(database.password)],
            [
              'adminConsole.configuration.settings.databaseParameters',
              'ROLECALL_DATABASE_URL',
              database.parameters.length > 0
                ? code(database.parameters.join(', '))
                : t('adminConsole.configuration.values.noParameters'),
            ],
            ['adminConsole.configuration.settings.poolSize', 'ROLECALL_DATABASE_POOL_SIZE', String(database.poolSize)],
            [
              'adminConsole.configuration.settings.preparedStatements',
              'ROLECALL_DATABASE_PREPARED_STATEMENTS',
              onOff(database.preparedStatements),
            ],
          ],
    ],
    [
      'adminConsole.configuration.sections.secretKey',
      [
        ['adminConsole.configuration.settings.secretKey', 'ROLECALL_SECRET_KEY', secret(config.secretKey.value)],
        [
          'adminConsole.configuration.settings.secretKeySource',
          'ROLECALL_SECRET_KEY',
          t(`adminConsole.configuration.values.${config.secretKey.source}`),
        ],
      ],
    ],
    [
      'adminConsole.configuration.sections.mail',
      [
        ['adminConsole.configuration.settings.mailFrom', 'ROLECALL_MAIL_FROM', code(mail.from)],
        ...(mail.smtp
          ? ([
              ['adminConsole.configuration.settings.smtpHost', 'ROLECALL_SMTP_HOST', code(mail.smtp.host)],
              ['adminConsole.configuration.settings.smtpPort', 'ROLECALL_SMTP_PORT', String(mail.smtp.port)],
              ['adminConsole.configuration.settings.smtpSecure', 'ROLECALL_SMTP_SECURE', onOff(mail.smtp.secure)],
              [
                'adminConsole.configuration.settings.smtpUser',
                'ROLECALL_SMTP_USER',
                mail.smtp.user ? code(mail.smtp.user) : t('adminConsole.configuration.notSet'),
              ],
              ['adminConsole.configuration.settings.smtpPassword', 'ROLECALL_SMTP_PASSWORD', secret(mail.smtp.password)],
            ] satisfies Setting[])
          : ([
              ['adminConsole.configuration.settings.smtp', 'ROLECALL_SMTP_HOST', t('adminConsole.configuration.values.noSmtp')],
            ] satisfies Setting[])),
      ],
    ],
    [
      'adminConsole.configuration.sections.jobs',
      [
        ['adminConsole.configuration.settings.jobsEnabled', 'ROLECALL_JOBS', onOff(config.jobs.enabled)],
        [
          'adminConsole.configuration.settings.jobsInterval',
          'ROLECALL_JOBS_INTERVAL_SECONDS',
          number(config.jobs.intervalSeconds),
        ],
      ],
    ],
    [
      'adminConsole.configuration.sections.accounts',
      (
        [
          ['authRateLimit', 'ROLECALL_AUTH_RATE_LIMIT'],
          ['lockoutThreshold', 'ROLECALL_LOCKOUT_THRESHOLD'],
          ['lockoutMinutes', 'ROLECALL_LOCKOUT_MINUTES'],
          ['sessionIdleWarningMinutes', 'ROLECALL_SESSION_IDLE_WARNING_MINUTES'],
          ['sessionIdleMinutes', 'ROLECALL_SESSION_IDLE_MINUTES'],
          ['sessionMaxHours', 'ROLECALL_SESSION_MAX_HOURS'],
          ['dormantDays', 'ROLECALL_DORMANT_DAYS'],
          ['passwordHistory', 'ROLECALL_PASSWORD_HISTORY'],
          ['passwordMinAgeHours', 'ROLECALL_PASSWORD_MIN_AGE_HOURS'],
        ] as const
      ).map(([key, variable]): Setting => [`adminConsole.configuration.settings.${key}`, variable, number(config.accounts[key])]),
    ],
    [
      'adminConsole.configuration.sections.certification',
      [
        [
          'adminConsole.configuration.settings.legacyCutoff',
          'ROLECALL_CERTIFICATION_LEGACY_CUTOFF',
          config.certification.legacyCutoff ?? t('adminConsole.configuration.values.noLegacyRule'),
        ],
        [
          'adminConsole.configuration.settings.legacyFirstDue',
          'ROLECALL_CERTIFICATION_LEGACY_DUE',
          config.certification.legacyFirstDue ?? t('adminConsole.configuration.values.noLegacyRule'),
        ],
        [
          'adminConsole.configuration.settings.windowDays',
          'ROLECALL_CERTIFICATION_WINDOW_DAYS',
          number(config.certification.windowDays),
        ],
        [
          'adminConsole.configuration.settings.unusedDays',
          'ROLECALL_CERTIFICATION_UNUSED_DAYS',
          number(config.certification.unusedDays),
        ],
      ],
    ],
  ];

  return (
    <>
      <p>{t('adminConsole.configuration.secretsNote')}</p>
      {config.mailViewer ? (
        <p>
          {t('adminConsole.configuration.mailViewer')}{' '}
          <Link className="usa-link" to="/dev/outbox">
            {t('adminConsole.configuration.openMailViewer')}
          </Link>
        </p>
      ) : null}
      {sections.map(([heading, settings]) => (
        <div key={heading} className="rc-section rc-config">
          {/* The caption is the section's heading: each group is found from the page's outline. */}
          <Table
            bordered
            fullWidth
            scrollable
            stackedStyle="headers"
            caption={<h2 className="rc-config__heading">{t(heading)}</h2>}
          >
            <thead>
              <tr>
                <th scope="col">{t('adminConsole.configuration.columns.setting')}</th>
                <th scope="col">{t('adminConsole.configuration.columns.variable')}</th>
                <th scope="col">{t('adminConsole.configuration.columns.value')}</th>
              </tr>
            </thead>
            <tbody>
              {settings.map(([label, variable, value]) => (
                <tr key={label}>
                  <th scope="row" data-label={t('adminConsole.configuration.columns.setting')}>
                    {t(label)}
                  </th>
                  <td data-label={t('adminConsole.configuration.columns.variable')}>
                    <code className="rc-config__variable">
                      <BreakableName name={variable} />
                    </code>
                  </td>
                  <td data-label={t('adminConsole.configuration.columns.value')}>{value}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      ))}
    </>
  );
}

/** A variable's name, broken across lines after an underscore when the column is narrow. */
function BreakableName({ name }: { name: string }) {
  return name.split(/(?<=_)/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}
