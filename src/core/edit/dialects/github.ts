// The GitHub Actions edit planner: turns an operation into splices of the workflow text, or a
// Refusal saying why it cannot be done safely. plan.ts has already checked that the targets
// exist and are editable; the pieces live in ./github/.
import { planAddCache } from '../addCache';
import type { DialectPlanner, Planned } from '../plan';
import { Refusal } from '../splices';
import { setGate } from './github/gates';
import { addJob, deleteJob, renameJob } from './github/jobs';
import { addNeed, removeNeed } from './github/needs';
import { setCondition, setEnvironment, setName, setRunner, setStrategy, setConcurrency, setTimeout } from './github/properties';
import { pinAction } from './github/pinAction';
import { addDispatchTrigger } from './github/triggers';
import { job } from './github/workflow';

export const planGithubEdit: DialectPlanner = (ctx, op): Planned | void => {
  switch (op.op) {
    case 'renameStage':
      return renameJob(ctx, op.stage, op.newId);
    case 'deleteStage':
      deleteJob(ctx, op.stage);
      return;
    case 'addDependency':
      addNeed(ctx, job(ctx.src, op.stage), op.dependsOn);
      return;
    case 'removeDependency':
      removeNeed(ctx, job(ctx.src, op.stage), op.dependsOn);
      return;
    case 'addStage':
      if (op.lane !== undefined) throw new Refusal('GitHub Actions has no stages (lanes) to add a job to; leave out "lane"');
      addJob(ctx, op.template, op.id, op.after, op.before);
      return;
    case 'moveToStage':
      throw new Refusal('GitHub Actions has no stages to move a job between');
    case 'addLane':
    case 'renameLane':
    case 'moveLane':
      throw new Refusal('GitHub Actions has no stages (lanes); jobs are ordered by needs: alone');
    case 'addDispatchTrigger':
      return { checks: [addDispatchTrigger(ctx)] };
    case 'addCache':
      return planAddCache(ctx, op);
    case 'pinAction':
      return { checks: [pinAction(ctx, op.stage, op.uses, op.sha)] };
    case 'setProperty':
      switch (op.property) {
        case 'name':
          setName(ctx, op.stage, op.value === null ? null : String(op.value));
          return;
        case 'runner':
          return { checks: [setRunner(ctx, op.stage, op.value === null ? null : String(op.value))] };
        case 'condition':
          return { checks: [setCondition(ctx, op.stage, op.value === null ? null : String(op.value))] };
        case 'timeout':
          return { checks: [setTimeout(ctx, op.stage, op.value)] };
        case 'concurrency':
          return { checks: [setConcurrency(ctx, op.stage, op.value)] };
        case 'environment':
          setEnvironment(ctx, op.stage, op.value);
          return;
        case 'gate':
          return { checks: [setGate(ctx, ctx.node(op.stage), op.value)] };
        case 'strategy':
          setStrategy(ctx.node(op.stage), op.value);
          return;
      }
  }
};
