/**
 * The Shanghai district form (财政项目绩效自我评价), as the Putuo forms: weights to 100 across
 * 产出 / 效益 / 满意度, the execution rate reported in the header but not scored.
 */
import { shanghaiTemplate } from '../templates';
import { band } from './bands';
import { FamilyModule } from './types';

const bands = [band('优秀', 90, 100), band('良好', 75, 90), band('合格', 60, 75), band('不合格', 0, 60)];

export const shanghai: FamilyModule<'shanghai'> = {
  id: 'shanghai',
  label: { zh: '上海区级财政项目绩效自我评价表', en: 'Shanghai district form' },
  // the family of forms that are not of another: read by weights alone
  matches: () => true,
  bands,
  template: () => shanghaiTemplate(bands),
};
