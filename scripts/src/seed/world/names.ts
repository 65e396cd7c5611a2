import type { Random } from './random.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹'];
const GIVEN = ['明', '红', '华', '强', '丽', '军', '敏', '静', '磊', '燕', '芳', '杰', '涛', '婷', '浩', '宇', '欣', '雪', '鹏', '琳', '晨', '佳', '俊', '梅', '阳', '雨', '轩', '怡', '子', '博'];

export function surname(random: Random): string {
  return random.pick(SURNAMES);
}

export function givenName(random: Random): string {
  return random.chance(0.6) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
}

/** A plausible mobile number (never a real allocation check; synthetic data only). */
export function mobile(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}

export const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '苗族', '土家族', '满族', '彝族', '侗族'];

export const WORK_PLACES = ['广东省东莞市', '广东省深圳市', '浙江省宁波市', '江苏省苏州市', '上海市', '北京市', '福建省厦门市', '湖北省武汉市', '四川省成都市'];
