import { sql, type SQL } from 'drizzle-orm';

import { activityColors } from '../../schema/planning-values';
import { analyze, execute, type ScaleContext, type ScaleStep } from './context';
import { productId } from './portfolio';
import { below, choose, days, int, literal, stableUuidSql, weighted } from './sql';
import { featureNames, subjects, verbs } from './words';

/**
 * One planning project whose board holds every scale card (10,000 at scale L, the size of
 * PRODUCT.md's board benchmark): workflows of activities, cards spread over the five board
 * columns, each column ordered by rank.
 */

export const SCALE_PROJECT_NAME = 'Fleet console rebuild (scale)';

const projectUuid = (org: SQL) => stableUuidSql(org, sql`'l-project'`);
const workflowUuid = (org: SQL, w: SQL) => stableUuidSql(org, sql`'l-workflow:' || (${w})`);
const activityUuid = (org: SQL, a: SQL) => stableUuidSql(org, sql`'l-activity:' || (${a})`);

async function run(ctx: ScaleContext) {
  const { org, today, sizes } = ctx;
  const project = projectUuid(org);
  const activities = sizes.workflows * sizes.activitiesPerWorkflow;
  await execute(
    ctx,
    sql`
    INSERT INTO project (organisation_id, id, name, description, repo_url, default_branch, product_id, created_at)
    VALUES (${org}, ${project}, ${SCALE_PROJECT_NAME},
            'The scale dataset''s board: every planning card of the organisation in one project.',
            'https://git.example.com/scale/fleet-console', 'main', ${productId(sql`1`)}, ${today} - ${days(120)})`,
  );

  const w = sql`w`;
  await execute(
    ctx,
    sql`
    INSERT INTO workflow (organisation_id, id, project_id, title, position, created_at)
    SELECT ${org}, ${workflowUuid(org, w)}, ${project},
           (ARRAY[${sql.join(featureNames.map(literal), sql`, `)}]::text[])[1 + (w - 1) % ${int(featureNames.length)}],
           w - 1, ${today} - ${days(120)}
    FROM generate_series(1, ${int(sizes.workflows)}) w`,
  );

  const a = sql`a`;
  await execute(
    ctx,
    sql`
    INSERT INTO workflow_activity (organisation_id, id, project_id, workflow_id, title, color, position, created_at)
    SELECT ${org}, ${activityUuid(org, a)}, ${project}, ${workflowUuid(org, sql`1 + (a - 1) / ${int(sizes.activitiesPerWorkflow)}`)},
           ${choose(verbs, a, 100)} || ' ' || ${choose(subjects, a, 101)},
           ${choose(activityColors, a, 102)}, (a - 1) % ${int(sizes.activitiesPerWorkflow)}, ${today} - ${days(110)}
    FROM generate_series(1, ${int(activities)}) a`,
  );
  ctx.report(1 + sizes.workflows + activities);

  const c = sql`c`;
  await execute(
    ctx,
    sql`
    INSERT INTO card (organisation_id, id, project_id, workflow_activity_id, title, status, priority, position, rank,
                      build_state, finalized_at, created_at)
    SELECT ${org}, ${stableUuidSql(org, sql`'l-card:' || c`)}, ${project}, ${activityUuid(org, sql`1 + (c - 1) % ${int(activities)}`)},
           ${choose(verbs, c, 103)} || ' ' || ${choose(subjects, c, 104)}, status, ${below(c, 105, 4)},
           (c - 1) / ${int(activities)}, c::double precision,
           CASE status WHEN 'production' THEN 'completed' END,
           CASE WHEN status IN ('review', 'production') THEN ${today} - ${days(below(c, 106, 60))} END,
           ${today} - ${days(sql`100.0 * (${int(sizes.cards)} - c) / ${int(sizes.cards)}`)}
    FROM (SELECT c, ${weighted(['todo', 'active', 'questions', 'review', 'production'], [30, 25, 10, 15, 20], below(c, 107, 100))} AS status
          FROM generate_series(1, ${int(sizes.cards)}) c) generated`,
  );
  await analyze(ctx, 'card', 'workflow_activity');
  ctx.report(1 + sizes.workflows + activities + sizes.cards);
}

export const planningStep: ScaleStep = {
  name: 'planning board',
  total: (s) => 1 + s.workflows + s.workflows * s.activitiesPerWorkflow + s.cards,
  run,
};
